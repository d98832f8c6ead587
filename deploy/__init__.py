"""Running the app in production: its flags, and N replicas behind nginx (`make serve-replicas`)."""
