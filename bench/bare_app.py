"""The floor: the smallest Streamlit page, run with the same configuration as the app."""

import streamlit as st

st.write("hi")
