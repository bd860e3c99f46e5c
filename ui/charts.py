"""The charts: identity and culture profiles, a team's spread, and management's areas by target level."""
from __future__ import annotations

import json
from typing import Any

import altair as alt
import streamlit as st

from ui.i18n import label, t


def shares(shares: dict[str, float], names: dict[str, str], dominant: list[str], title: str) -> None:
    """One profile: the share of each type, dominant types highlighted."""
    rows = [{"type": names[k], "share": v, "dominant": k in dominant} for k, v in shares.items()]
    chart = (
        alt.Chart(alt.Data(values=rows), title=title)
        .mark_bar(cornerRadiusEnd=4)
        .encode(
            x=alt.X("share:Q", title=t("identity.share"), axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("type:N", title=None, sort=None, axis=alt.Axis(labelLimit=260, labelFontSize=13)),
            color=alt.condition(alt.datum.dominant, alt.value("#1f5c99"), alt.value("#9db8d3")),
            tooltip=[alt.Tooltip("type:N", title=t("identity.type")), alt.Tooltip("share:Q", title=t("identity.share"), format=".0%")],
        )
        .properties(height=60 * len(rows) + 40)
    )
    st.altair_chart(chart, width="stretch")


def spread(mean: dict[str, float], ranges: dict[str, tuple[float, float]], names: dict[str, str]) -> None:
    """A team: for each type the lowest-to-highest share (bar) and the mean (dot)."""
    rows = [{"type": names[k], "low": ranges[k][0], "high": ranges[k][1], "mean": mean[k]} for k in mean]
    base = alt.Chart(alt.Data(values=rows), title=t("identity.team_chart")).encode(y=alt.Y("type:N", title=None, sort=None, axis=alt.Axis(labelLimit=260, labelFontSize=13)))
    bars = base.mark_bar(height=14, color="#9db8d3", cornerRadius=4).encode(
        x=alt.X("low:Q", title=t("identity.share"), axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])), x2="high:Q"
    )
    dots = base.mark_point(filled=True, size=120, color="#1f5c99").encode(
        x="mean:Q",
        tooltip=[alt.Tooltip("type:N"), alt.Tooltip("mean:Q", format=".0%"), alt.Tooltip("low:Q", format=".0%"), alt.Tooltip("high:Q", format=".0%")],
    )
    st.altair_chart((bars + dots).properties(height=60 * len(rows) + 40), width="stretch")


def priorities(rows: list[dict[str, Any]]) -> None:
    """Management's areas by target level (1 grundlæggende .. 3 avanceret), one labelled bar per area, staff in the tooltip."""
    from assistant.planning import LEVEL_RANK

    values = [{**row, "row": n, "level_label": label(row["level"])} for n, row in enumerate(rows)]
    levels = [label(level) for level in sorted(LEVEL_RANK, key=LEVEL_RANK.__getitem__)]
    tick_labels = json.dumps(["", *levels])  # a Vega expression: the label of tick 1..3
    names = json.dumps([row["area"] for row in values])  # the y axis shows each row's area, even when two share a name
    base = alt.Chart(alt.Data(values=values), title=t("priorities.chart")).encode(
        y=alt.Y("row:O", title=None, sort=None, scale=alt.Scale(paddingInner=0.25),
                axis=alt.Axis(labelExpr=f"{names}[datum.value]", labelLimit=280, labelFontSize=13)),
    )
    bars = base.mark_bar(cornerRadiusEnd=4).encode(
        x=alt.X("level_rank:Q", title=t("priorities.level"), scale=alt.Scale(domain=[0, 3]),
                axis=alt.Axis(values=[1, 2, 3], labelExpr=f"{tick_labels}[datum.value]")),
        color=alt.Color("level_label:N", legend=None, scale=alt.Scale(domain=levels, range=["#9db8d3", "#4f86bd", "#1f5c99"])),
        tooltip=[alt.Tooltip("area:N", title=t("priorities.area")), alt.Tooltip("level_label:N", title=t("priorities.level")),
                 alt.Tooltip("staff:Q", title=t("priorities.staff"))],
    )
    text = base.mark_text(align="right", dx=-8, color="white", fontWeight="bold").encode(x="level_rank:Q", text="level_label:N")
    chart = (bars + text).properties(height=alt.Step(44))  # a fixed height per bar: the plot grows with the areas, never squeezed
    st.altair_chart(chart, width="stretch")
