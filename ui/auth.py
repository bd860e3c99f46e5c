"""Sign-in for a shared deployment (COCREATE_AUTH=oidc): Streamlit's st.login, and who is using this session."""
from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ui.i18n import t
from ui.safe import md_inline

if TYPE_CHECKING:
    from assistant import Settings

SIGNED_OUT = "\x00signed-out"  # a user id no draft has: a session that is not signed in sees nothing
_SETTINGS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")


def enabled(settings: "Settings") -> bool:
    return settings.auth == "oidc"


def current_user(settings: "Settings") -> str | None:
    """The signed-in user's id (the provider's ``sub``); None in the single-user default (no sign-in)."""
    if not enabled(settings):
        return None
    if not signed_in():
        return SIGNED_OUT
    issuer, subject = st.user.get("iss"), st.user.get("sub")
    return str(subject) if not issuer else f"{subject}@{_host(str(issuer))}"


def signed_in() -> bool:
    return bool(st.user.get("is_logged_in", False))


def display_name() -> str:
    """The signed-in user's name as the provider gives it (name, else e-mail, else id)."""
    for claim in ("name", "email", "sub"):
        value = st.user.get(claim)
        if value:
            return str(value)
    return ""


def gate(settings: "Settings") -> None:
    """With sign-in on: a sign-in screen until the user signs in, then who they are and a sign-out in the sidebar."""
    if not enabled(settings):
        return
    missing = _missing_settings()
    if missing:
        st.error(t("auth.not_configured", missing=", ".join(missing)), icon=":material/lock:")
        st.stop()
    if not signed_in():
        st.title(t("app.title"))
        st.info(t("auth.intro"), icon=":material/lock:")
        st.button(t("auth.sign_in"), on_click=st.login, type="primary", icon=":material/login:", key="auth.sign_in")
        st.stop()
    with st.sidebar:
        st.caption(t("auth.signed_in", name=md_inline(display_name())))
        st.button(t("auth.sign_out"), on_click=st.logout, icon=":material/logout:", key="auth.sign_out")


def _missing_settings() -> list[str]:
    """The [auth] settings .streamlit/secrets.toml lacks (all of them when there is no secrets file)."""
    try:
        section = st.secrets.get("auth") or {}
    except Exception:  # noqa: BLE001 - StreamlitSecretNotFoundError (no secrets file at all) or a broken TOML file
        section = {}
    providers = [v for v in section.values() if hasattr(v, "get")]  # [auth.<provider>] sections hold the client settings
    return [name for name in _SETTINGS if not (section.get(name) or any(p.get(name) for p in providers))]


def _host(issuer: str) -> str:
    from urllib.parse import urlparse

    return urlparse(issuer).netloc or issuer
