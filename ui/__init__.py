"""The imperative shell of the web questionnaire: session state, widgets and rendering. No medical rules."""
