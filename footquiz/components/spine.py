"""The spine diagram: the lumbar spine (L1 to S1) above the front and the back of the leg.

One static inline SVG. What it highlights comes from a few CSS classes on the ``<svg>``
(made by :func:`classes` from the engine's :class:`DiagramView`), so a new answer changes one
attribute and never rebuilds markup; the styles and the pulse live in ``assets/footquiz.css``.
On the location question the same leg drawing is a tappable body map (:func:`body_map`).

Coordinates: each leg view is drawn in its own 130 x 482 box (a right leg; CSS mirrors it for
a left leg). The front view is at x 10, the back view at x 220, both from y 190; in the "both
legs" layout the other leg's views sit at x -125 and x 355.
"""

from __future__ import annotations

from typing import NamedTuple

import reflex as rx
from reflex.vars.base import Var

from footquiz.content import get_content
from footquiz.engine.diagram import MAP_QUESTION, DiagramView, root_regions
from footquiz.engine.model import Content

CONTENT = get_content()
svg = rx.el.svg
Labels = Var[dict[str, str]]

LEG_TOP = 190
FRONT_X, BACK_X, FRONT_BOTH_X, BACK_BOTH_X = 10, 220, -125, 355
HIP = (65, 0)
"""Where every nerve path enters a leg view (on the mirror axis, so mirroring keeps it)."""


class Region(NamedTuple):
    """A place on the leg: its shape, a 44 px+ tap target, and where a nerve path passes."""

    view: str
    shape: str
    hit: tuple[int, int, int, int]
    anchor: tuple[int, int]


def _circle(cx: int, cy: int, r: int) -> str:
    return f"M{cx - r} {cy}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0Z"


def _ellipse(cx: int, cy: int, rx: int, ry: int) -> str:
    return f"M{cx - rx} {cy}a{rx} {ry} 0 1 0 {2 * rx} 0a{rx} {ry} 0 1 0 {-2 * rx} 0Z"


# Front view: outer side on the left, inner side on the right, the foot seen from above.
# Back view: inner side on the left, the calf, then the sole as if kneeling (heel on top).
# Foot regions are plain bands that CSS clips to the foot's outline (FOOT_CLIPS).
REGIONS: dict[str, Region] = {
    "buttock": Region("back", "M14 8Q66 -2 116 8L112 44H18Z", (14, 4, 102, 44), (66, 26)),
    "back_thigh": Region("back", "M20 50H110L96 124H36Z", (20, 50, 90, 76), (66, 88)),
    "front_thigh": Region("front", "M22 12Q66 4 108 12L95 124H39Z", (20, 8, 92, 120), (66, 70)),
    "knee": Region("front", _circle(66, 154, 20), (42, 131, 48, 46), (66, 154)),
    "inner_shin": Region("front", "M66 184H98Q103 255 92 330H66Z", (66, 180, 64, 150), (84, 250)),
    "outer_calf": Region("front", "M33 184Q22 255 48 330H66V184Z", (0, 180, 66, 150), (44, 250)),
    "back_calf": Region("back", "M36 186Q24 240 46 304H84Q106 240 94 186Z", (20, 182, 92, 146),
                        (66, 245)),
    "inner_ankle": Region("front", _circle(90, 352, 10), (68, 331, 58, 46), (90, 352)),
    "outer_ankle": Region("front", _circle(42, 352, 10), (8, 331, 56, 46), (42, 352)),
    "top_of_foot": Region("front", "M0 377H130V430H0Z", (24, 377, 86, 53), (68, 404)),
    "big_toe": Region("front", _ellipse(95, 458, 11, 17), (72, 431, 56, 50), (95, 458)),
    "all_toes": Region("front", "M28 446H86V480H28Z", (16, 436, 56, 46), (58, 462)),
    "ball_of_foot": Region("back", "M0 433H85V466H0Z", (20, 440, 60, 46), (56, 450)),
    "heel": Region("back", "M0 340H130V395H0Z", (40, 348, 52, 47), (66, 372)),
    "sole": Region("back", "M0 398H85V430H0Z", (20, 395, 60, 45), (60, 414)),
    "outer_edge": Region("back", "M88 398H130V482H88Z", (80, 395, 50, 87), (96, 460)),
}  # fmt: skip
FOOT_CLIPS = {
    "dg-foot": "M46 372Q30 410 28 456Q26 478 40 480H92Q108 480 110 452Q112 420 90 372Z",
    "dg-sole": "M46 368C46 348 86 348 86 368C90 400 106 428 104 452C104 470 96 478 70 478H44"
    "C30 478 24 464 28 448C34 420 42 404 46 368Z",
}

SILHOUETTE = {
    "front": (
        "M12 4Q66-6 118 4L100 130 98 178Q104 250 92 334L90 372Q112 420 110 452Q108 480 92 480"
        "H40Q26 478 28 456Q30 410 46 372L48 334Q18 260 32 178L34 130Z"
        + "".join(_ellipse(x, 463, rx, 10) for x, rx in ((77, 7), (62, 6), (49, 6), (38, 5)))
    ),
    "back": (
        "M12 4Q66-6 118 4L96 130 98 178Q110 250 84 334L82 352H48L46 334Q20 250 32 178L34 130Z"
        + FOOT_CLIPS["dg-sole"]
    ),
}
TOES = {
    "front": "",
    "back": "".join(_ellipse(x, 470, r, 6) for x, r in ((42, 8), (57, 5), (69, 5), (80, 5))),
}

# The spine, seen from behind: vertebral bodies, the discs between them, the nerve canal.
SPINE_X, SPINE_W, CANAL_X = 150, 60, 180
VERTEBRAE = {"L1": 8, "L2": 36, "L3": 64, "L4": 92, "L5": 120}
DISCS = {"L1-L2": 32, "L2-L3": 60, "L3-L4": 88, "L4-L5": 116, "L5-S1": 144}
EXITS = {"L1": 32, "L2": 60, "L3": 88, "L4": 116, "L5": 144, "S1": 166}
"""Where each root leaves the spine: below its own vertebra (S1 through the sacrum)."""
CANAL = "M172 4H188V176H172Z"
NARROW_CANAL = "M172 4H188V80Q182 98 182 116T188 152V176H172V152Q178 134 178 116T172 80Z"


def _root_view(root: str) -> str:
    """The leg view a root's path is drawn on: the view that shows most of its regions."""
    views = [REGIONS[r].view for r in root_regions(CONTENT).get(root, []) if r in REGIONS]
    return "back" if views.count("back") > views.count("front") else "front"


def leg_path(root: str) -> str:
    """A root's path inside its leg view: from the hip through its regions, top to bottom."""
    view = _root_view(root)
    anchors = [
        REGIONS[r].anchor
        for r in root_regions(CONTENT).get(root, [])
        if r in REGIONS and REGIONS[r].view == view
    ]
    points = [HIP]
    if anchors and anchors[0][1] > 90:
        points.append((anchors[0][0], 90))
    points += anchors
    return "M" + "L".join(f"{x} {y}" for x, y in points)


def spine_path(root: str) -> str:
    """A root's path from its disc, down the canal to its exit, and across to the leg view."""
    disc = next(r.disc for r in CONTENT.roots.roots if r.id == root)
    start, exit_y = DISCS[disc], EXITS[root]
    if _root_view(root) == "back":
        x, out, hip = CANAL_X + 4, SPINE_X + SPINE_W + 12, BACK_X + HIP[0]
    else:
        x, out, hip = CANAL_X - 4, SPINE_X - 12, FRONT_X + HIP[0]
    return f"M{x} {start}V{exit_y}L{out} {exit_y + 8}Q{hip} {exit_y + 12} {hip} {LEG_TOP}"


ROOTS = [r.id for r in CONTENT.roots.roots]


def classes(view: DiagramView) -> str:
    """The ``<svg>`` classes that switch on what ``view`` highlights (see footquiz.css)."""
    names = ["dg"]
    if view.side in ("left", "both"):
        names.append(f"dg-{view.side}")
    names += [f"dg-{flag}" for flag in ("local", "stenosis", "animate") if getattr(view, flag)]
    names += [f"m-{r}" for r in view.regions]
    names += [f"r-{r.root}" for r in view.roots] + [f"d-{d}" for d in view.discs]
    return " ".join(names)


def view_box(view: DiagramView) -> str:
    """The part of the drawing to show: without the spine for a local result, wider for both."""
    top = 180 if view.local else 0
    left, width = (-130, 620) if view.side == "both" else (0, 360)
    return f"{left} {top} {width} {714 - top}"


def side_words(view: DiagramView, ui: dict[str, str]) -> str:
    """Which leg the main leg views show, as words under them."""
    side = {"left": "left_leg", "right": "right_leg", "both": "left_leg"}.get(view.side or "")
    return ui[side] if side else ""


def words(content: Content) -> dict[str, str]:
    """The drawing's labels in the content's language (the SVG itself is built once)."""
    ui = content.ui
    question = content.question(MAP_QUESTION)
    labels = {key: ui[key] for key in ("front", "back_view", "right_leg", "narrow_space")}
    labels["map_hint"] = ui["map_hint"]
    labels |= {f"disc_{name}": ui["disc_label"].format(disc=name) for name in DISCS}
    labels |= {f"root_{root}": ui["root_key"].format(root=root) for root in ROOTS}
    for region_id in REGIONS:
        option = question.option(region_id) if question else None
        place = option.text if option else region_id
        labels[f"place_{region_id}"] = ui["map_place"].format(place=place)
    return labels


# ----- drawing ---------------------------------------------------------------------------------


def _path(d: str, class_name: str, **props: object) -> rx.Component:
    return svg.path(d=d, class_name=class_name, **props)


def _text(text: str | Var, x: int, y: int, class_name: str, **props: object) -> rx.Component:
    return svg.text(text, x=x, y=y, class_name=class_name, **props)


def _region(
    region_id: str, region: Region, marked: Var[list[str]] | None, labels: Labels | None
) -> rx.Component:
    shape = _path(region.shape, f"rg rg-{region_id}")
    if marked is None or labels is None:
        return shape
    x, y, width, height = region.hit
    return svg.g(
        svg.rect(x=x, y=y, width=width, height=height, class_name="hit"),
        shape,
        class_name="tap",
        role="checkbox",
        tab_index=0,
        aria_checked=rx.cond(marked.contains(region_id), "true", "false"),
        # Not the list's exact name, so "Heel" names one control and the map's is distinct.
        aria_label=labels[f"place_{region_id}"],
        custom_attrs={"data-region": region_id},
    )


def _leg(
    view: str,
    x: int,
    slot: str,
    marked: Var[list[str]] | None = None,
    labels: Labels | None = None,
) -> rx.Component:
    """One leg view (front or back) at ``x``; the inner group is what CSS mirrors.

    With ``marked`` (the saved answer) the regions are tappable checkboxes for the body map.
    """
    regions = [_region(i, r, marked, labels) for i, r in REGIONS.items() if r.view == view]
    paths = []
    if marked is None:
        for root in ROOTS:
            if _root_view(root) == view:
                d = leg_path(root)
                paths += [
                    _path(d, f"np np-{root}"),
                    _path(d, f"pulse pulse-{root}", path_length=100),
                ]
    return svg.g(
        svg.g(
            _path(SILHOUETTE[view], "body"),
            *regions,
            *([_path(TOES[view], "toes")] if TOES[view] else []),
            _path(FOOT_CLIPS["dg-foot" if view == "front" else "dg-sole"], "edge"),
            *paths,
            class_name="leg",
        ),
        transform=f"translate({x} {LEG_TOP})",
        class_name=f"slot slot-{slot}",
    )


def _labels(side: Var | str, both: bool, words: Labels) -> list[rx.Component]:
    """Front / Back under the leg views, and which leg they show."""
    y = LEG_TOP + 500
    front, back = words["front"], words["back_view"]
    labels = [_text(front, FRONT_X + 65, y, "lbl"), _text(back, BACK_X + 65, y, "lbl")]
    if isinstance(side, Var) or side:
        labels += [
            _text(side, FRONT_X + 65, y + 16, "lbl-side"),
            _text(side, BACK_X + 65, y + 16, "lbl-side"),
        ]
    if both:
        labels += [
            _text(front, FRONT_BOTH_X + 65, y, "lbl slot-a"),
            _text(back, BACK_BOTH_X + 65, y, "lbl slot-d"),
            _text(words["right_leg"], FRONT_BOTH_X + 65, y + 16, "lbl-side slot-a"),
            _text(words["right_leg"], BACK_BOTH_X + 65, y + 16, "lbl-side slot-d"),
        ]
    return labels


def _spine(words: Labels) -> rx.Component:
    """Vertebrae, discs (with glow and label), the canal, each root's way out, and a key."""
    parts: list[rx.Component] = []
    for name, top in VERTEBRAE.items():
        parts += [
            svg.rect(x=SPINE_X, y=top, width=SPINE_W, height=20, rx=5, class_name="vb"),
            _text(name, SPINE_X + 11, top + 14, "vl"),
        ]
    parts += [
        _path("M148 148H212L192 184H168Z", "vb"),
        _text("S1", SPINE_X + 14, 164, "vl"),
        _path(CANAL, "canal"),
        _path(NARROW_CANAL, "narrow"),
    ]
    for name, y in DISCS.items():
        parts += [
            svg.ellipse(cx=CANAL_X, cy=y, rx=38, ry=10, class_name=f"halo dh-{name}"),
            svg.rect(x=SPINE_X + 2, y=y - 4, width=SPINE_W - 4, height=8, rx=4,
                     class_name=f"disc dk-{name}"),
            _text(words[f"disc_{name}"], SPINE_X + SPINE_W + 14, y + 4, f"dl dl-{name}"),
        ]  # fmt: skip
    for root, y in EXITS.items():
        inset = 10 if root == "S1" else 0
        left, right = SPINE_X + inset, SPINE_X + SPINE_W - inset
        parts.append(_path(f"M{left} {y}l-12 8M{right} {y}l12 8", "stub"))
    for i, root in enumerate(ROOTS):
        d = spine_path(root)
        parts += [
            _path(d, f"np np-{root}"),
            _path(d, f"pulse pulse-a pulse-{root}", path_length=100),
            # The key: a piece of the highlighted line and the root's name.
            _path(f"M6 {14 + 18 * i}h18", f"np np-{root}"),
            _text(words[f"root_{root}"], 30, 18 + 18 * i, f"rl rl-{root}"),
        ]
    parts += [
        svg.rect(x=6, y=80, width=18, height=10, class_name="narrow"),
        _text(words["narrow_space"], 30, 90, "nl"),
    ]
    return svg.g(*parts, class_name="spine")


def _defs() -> rx.Component:
    """Hatching for marked places and the narrowed canal, so colour is never the only cue."""
    return svg.defs(
        *[svg.clip_path(_path(d, ""), id=name) for name, d in FOOT_CLIPS.items()],
        svg.pattern(
            svg.rect(width=6, height=6, class_name="hatch-bg"),
            svg.path(d="M0 0V6", class_name="hatch"),
            id="dg-hatch",
            width=6,
            height=6,
            pattern_units="userSpaceOnUse",
            pattern_transform="rotate(45)",
        ),
    )


def diagram(
    class_name: Var[str],
    box: Var[str],
    label: Var[str],
    side: Var[str],
    facts: Var[list[str]],
    words: Labels,
    size: str,
) -> rx.Component:
    """The diagram with its facts as text beside it; ``size`` is "small" or "large"."""
    return rx.el.figure(
        svg(
            _defs(),
            _spine(words),
            _leg("front", FRONT_BOTH_X, "a"),
            _leg("front", FRONT_X, "b"),
            _leg("back", BACK_X, "c"),
            _leg("back", BACK_BOTH_X, "d"),
            *_labels(side, True, words),
            view_box=box,
            class_name=class_name,
            role="img",
            aria_label=label,
            custom_attrs={"focusable": "false"},
        ),
        rx.el.figcaption(
            rx.el.ul(rx.foreach(facts, lambda fact: rx.el.li(fact)), class_name="dg-facts"),
        ),
        class_name=f"dg-figure dg-{size}",
        id=f"diagram-{size}",
    )


def body_map(marked: Var[list[str]], words: Labels) -> rx.Component:
    """The leg drawing as an input: tap (or Tab + Space) a place to tick its checkbox below.

    The checkboxes stay the real form fields and the accessible alternative; the script in
    assets/footquiz.js forwards taps and keys to them and mirrors their state in aria-checked.
    """
    return rx.el.div(
        rx.el.p(words["map_hint"], class_name="hint", id="body-map-hint"),
        svg(
            _defs(),
            _leg("front", FRONT_X, "b", marked, words),
            _leg("back", BACK_X, "c", marked, words),
            *_labels("", False, words),
            view_box="4 184 352 530",
            class_name="dg dg-map",
            role="group",
            aria_labelledby="body-map-hint",
            custom_attrs={"focusable": "false"},
        ),
        class_name="body-map",
        id="body-map",
    )


def all_region_ids() -> list[str]:
    """The regions drawn, for checking them against the content."""
    return list(REGIONS)
