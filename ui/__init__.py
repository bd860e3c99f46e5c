"""The Streamlit app: thin pages over the `assistant` library (run with `streamlit run ui/app.py`)."""
