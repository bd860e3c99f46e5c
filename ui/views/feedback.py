"""Page: the stored feedback on answers, and downloads of feedback and drafts."""
from __future__ import annotations

import streamlit as st

from ui import components
from ui.i18n import number, t
from ui.resources import resources
from ui.wizard import when

res = resources()
st.title(t("feedback.title"))
st.caption(t("feedback.intro"))

with components.user_errors():
    entries = res.feedback.all()
    csv_text, jsonl_text, drafts_json = res.feedback.export_csv(), res.feedback.export_jsonl(), res.drafts.export_json()

left, middle, right = st.columns(3)
# UTF-8 with a byte-order mark: without it Excel reads the file as the local code page and garbles æ, ø and å
csv_bytes = csv_text.removeprefix("\ufeff").encode("utf-8-sig")
left.download_button(t("feedback.csv"), csv_bytes, file_name="cocreate-feedback.csv", mime="text/csv", icon=":material/table_chart:", disabled=not entries)
middle.download_button(t("feedback.jsonl"), jsonl_text, file_name="cocreate-feedback.jsonl", mime="application/jsonl", icon=":material/data_object:", disabled=not entries)
right.download_button(t("feedback.drafts_json"), drafts_json, file_name="cocreate-kladder.json", mime="application/json", icon=":material/folder_open:")

if not entries:
    st.info(t("feedback.none"))
    st.stop()

st.caption(t("feedback.count", count=number(len(entries))))
up = sum(e.rating == "up" for e in entries)
a, b = st.columns(2)
a.metric(t("feedback.up"), up)
b.metric(t("feedback.down"), len(entries) - up)
st.dataframe(
    [
        {
            t("feedback.col.created"): when(e.created),
            t("feedback.col.rating"): t(f"feedback.rating.{e.rating}"),
            t("feedback.col.question"): e.question,
            t("feedback.col.comment"): e.comment,
            t("feedback.col.backend"): e.backend,
        }
        for e in reversed(entries)
    ],
    hide_index=True,
    width="stretch",
)
