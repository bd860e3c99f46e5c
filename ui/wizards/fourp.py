"""The 4P planner: Pointe, Partnere, Processer, Produkt (the report's 4P model), ending in a plan."""
from __future__ import annotations

import streamlit as st

from assistant.planning import FOCUS_PRODUCT, FourPPlan
from ui.i18n import label, t
from ui.wizard import Form, Wizard, options

MOTIVES = options(FourPPlan, "motives")
FOCI = options(FourPPlan, "focus")
PARTNERS = options(FourPPlan, "partners")
PROCESS_FORMS = options(FourPPlan, "process_form")
PRODUCTS = options(FourPPlan, "product_kind")


def pointe(form: Form) -> None:
    form.text("pointe_purpose", t("fourp.pointe_purpose"), area=True, help=t("fourp.pointe_purpose.help"))
    form.choices("motives", MOTIVES, t("fourp.motives"), help=t("fourp.motives.help"))
    form.choice("focus", FOCI, t("fourp.focus"), help=t("fourp.focus.help"))


def partnere(form: Form) -> None:
    form.choices("partners", PARTNERS, t("fourp.partners"))
    form.text("recruitment", t("fourp.recruitment"), area=True)
    form.text("retention", t("fourp.retention"), area=True)


def processer(form: Form) -> None:
    form.choice("process_form", PROCESS_FORMS, t("fourp.process_form"))
    form.text("facilitation", t("fourp.facilitation"), area=True)
    form.text("timing", t("fourp.timing"))
    form.number("hours_set_aside", t("fourp.hours"), help=t("fourp.hours.help"))
    form.text("group_dynamics", t("fourp.group_dynamics"), area=True)


def produkt(form: Form) -> None:
    focus = form.data.get("focus")
    if focus in FOCUS_PRODUCT:  # Tabel 2: each focus yields its own kind of product
        st.info(t("fourp.product_hint", focus=label(focus).lower(), product=label(FOCUS_PRODUCT[focus]).lower()), icon=":material/extension:")
    form.choice("product_kind", PRODUCTS, t("fourp.product_kind"))
    form.text("product_owner", t("fourp.product_owner"))
    form.text("continuation", t("fourp.continuation"), area=True)


WIZARD = Wizard("fourp", FourPPlan, {"pointe": pointe, "partnere": partnere, "processer": processer, "produkt": produkt})
