"""The clinician's view of a result link: what was answered and concluded, with rules and sources.

Read-only and printable on one page; a bad link gets the same friendly page as /r/.
"""

from __future__ import annotations

import reflex as rx

from footquiz.clinician import ClinicianState
from footquiz.components import kiosk as kiosk_tools
from footquiz.components.layout import heading, page
from footquiz.pages.result import answer_row_read_only

ROUTE = "/clinician/[token]"
Columns = list[tuple[str, str]]
"""(ui key of the column's heading, the row field it shows)."""


def table(name: str, columns: Columns) -> rx.Component:
    """One of the sheet's tables: a row per line, a column per field."""
    ui = ClinicianState.ui
    return rx.el.table(
        rx.el.thead(rx.el.tr(*[rx.el.th(ui[key], scope="col") for key, _ in columns])),
        rx.el.tbody(
            rx.foreach(
                ClinicianState.rows[name],
                lambda row: rx.el.tr(
                    *[
                        rx.el.td(
                            row[field],
                            class_name=f"cv-{field}",
                            custom_attrs={"data-status": row["status"]},
                        )
                        for _, field in columns
                    ]
                ),
            )
        ),
        class_name="cv-table",
        id=f"cv-{name.replace('_', '-')}",
    )


def part(title_key: str, *children: rx.Component, **props: object) -> rx.Component:
    """A titled part of the sheet."""
    return rx.el.section(
        rx.el.h2(ClinicianState.ui[title_key]), *children, class_name="cv-part", **props
    )


def sheet() -> rx.Component:
    """The whole sheet for a check of the current version."""
    ui, facts, rows = ClinicianState.ui, ClinicianState.facts, ClinicianState.rows
    sources = ("col_sources", "sources")
    return rx.fragment(
        rx.el.p(
            rx.el.strong(ui["clinician_disclaimer"]),
            " ",
            ClinicianState.disclaimer,
            class_name="cv-disclaimer",
            id="cv-disclaimer",
        ),
        part(
            "tier_heading",
            rx.el.p(rx.el.strong(facts["tier"]), " (", facts["timeframe"], ")", id="cv-tier"),
            rx.cond(
                rows["tier_rules"].length() > 0,
                table("tier_rules", [("col_rule", "label"), ("col_answers", "value"), sources]),
                rx.el.p(ui["no_tier_rule"]),
            ),
            id="cv-urgency",
        ),
        part(
            "red_flags_heading",
            table(
                "red_flags",
                [
                    ("col_finding", "label"),
                    ("col_answer", "value"),
                    ("col_status", "status"),
                    sources,
                ],
            ),
        ),
        rx.el.div(
            part(
                "places_heading",
                table("places", [("col_place", "label"), ("col_dermatome", "value"), sources]),
            ),
            part(
                "myotomes_heading",
                table(
                    "myotomes",
                    [("col_test", "label"), ("col_result", "value"), ("col_myotome", "note")],
                ),
            ),
            class_name="cv-pair",
        ),
        part(
            "history_heading",
            table("history", [("col_finding", "label"), ("col_answer", "value"), sources]),
        ),
        rx.cond(
            facts["band"] != "",
            rx.fragment(
                part(
                    "spine_heading",
                    rx.el.p(
                        rx.el.strong(facts["band"]),
                        " (",
                        ui["col_score"],
                        " ",
                        facts["score"],
                        ") ",
                        facts["spine_sources"],
                        id="cv-band",
                    ),
                    table(
                        "spine_rules",
                        [
                            ("col_points", "label"),
                            ("col_finding", "value"),
                            ("col_rule", "note"),
                            sources,
                        ],
                    ),
                ),
                part(
                    "roots_heading",
                    table(
                        "roots",
                        [
                            ("col_root", "label"),
                            ("col_score", "value"),
                            ("col_result", "note"),
                            sources,
                        ],
                    ),
                ),
                part(
                    "look_alikes_heading",
                    rx.cond(
                        rows["look_alikes"].length() > 0,
                        table(
                            "look_alikes",
                            [("col_condition", "label"), ("col_answers", "value"), sources],
                        ),
                    ),
                    rx.el.p(rx.el.em(ui["screened_out"]), " ", facts["screened_out"]),
                ),
            ),
        ),
        part(
            "sources_heading",
            rx.el.dl(
                rx.foreach(
                    rows["sources"],
                    lambda s: rx.el.div(rx.el.dt(s["label"]), rx.el.dd(s["value"])),
                ),
                class_name="cv-references",
                id="cv-references",
            ),
        ),
    )


def tools() -> rx.Component:
    """Download the FHIR record, print, or see the patient's own view."""
    ui, facts = ClinicianState.ui, ClinicianState.facts
    return rx.el.div(
        rx.el.a(
            ui["download_fhir"],
            href=facts["fhir"],
            download=facts["file"],
            type="application/fhir+json",
            # Not _self: the router then leaves the click to the browser, which downloads.
            target="_blank",
            rel="noopener",
            class_name="btn btn-primary",
            id="download-fhir",
        ),
        rx.el.button(
            ui["print"],
            type="button",
            class_name="btn btn-secondary",
            custom_attrs={"data-print": "true"},  # assets/footquiz.js
        ),
        rx.el.a(
            ui["patient_view"],
            href=facts["patient_view"],
            class_name="btn btn-secondary",
            id="patient-view",
        ),
        class_name="actions",
    )


def clinician() -> rx.Component:
    """The clinician's view, an older-version notice with the answers, or the invalid link."""
    ui, facts = ClinicianState.ui, ClinicianState.facts
    meta = rx.el.p(
        ui["content_version"],
        " ",
        facts["version"],
        " \u00b7 ",
        ui["date_taken"],
        " ",
        facts["taken"],
        class_name="cv-meta",
        id="cv-meta",
    )
    return page(
        rx.match(
            ClinicianState.link_status,
            (
                "current",
                rx.fragment(
                    heading(ui["clinician_heading"], screen="clinician"),
                    meta,
                    sheet(),
                    tools(),
                ),
            ),
            (
                "older",
                rx.fragment(
                    heading(ui["clinician_heading"], screen="clinician-older"),
                    meta,
                    rx.el.p(ui["older_text"]),
                    rx.el.dl(
                        rx.foreach(ClinicianState.older_answers, answer_row_read_only),
                        class_name="answers",
                        id="answers",
                    ),
                    tools(),
                ),
            ),
            (
                "invalid",
                rx.fragment(
                    heading(ui["invalid_heading"], screen="invalid"),
                    rx.el.p(ui["invalid_text"]),
                    rx.el.div(
                        rx.el.a(
                            ui["take_check"], href="/", class_name="btn btn-primary", id="take"
                        ),
                        class_name="actions",
                    ),
                ),
            ),
            rx.fragment(heading(ui["opening"]), rx.el.p(ui["one_moment"])),
        ),
        kiosk_tools.idle_tools(),
        wide=True,
        state=ClinicianState,
    )
