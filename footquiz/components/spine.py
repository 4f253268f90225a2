"""The spine diagram: the lower back seen from behind, and the patient's leg from behind and front.

One inline SVG, built once. What it shows comes from a few CSS classes on the ``<svg>`` (made
by :func:`classes` from the engine's :class:`DiagramView`), so a new answer changes one
attribute and never rebuilds markup; colours, motion and the print palette live in
``assets/footquiz.css`` and ``assets/print.css``. On the location question the leg drawing is a
tappable body map (:func:`body_map`).

Coordinates: the spine's midline is x = 0. The lower back and pelvis (the torso) are drawn
once, seen from behind. Each leg is a "wing": the leg seen from behind, hanging from the
pelvis, then the same leg seen from the front beside it, further out, and the root's way
between them. The right wing is drawn at x > 0 (seen from behind, the patient's right is on
the right); the left wing is the same group mirrored (a front view of a left leg is the mirror
of a right one), with its words turned back by CSS. A wing shows only for the patient's side.
"""

from __future__ import annotations

from typing import NamedTuple

import reflex as rx
from reflex.vars.base import Var

from footquiz.content import get_content
from footquiz.engine.diagram import MAP_QUESTION, DiagramView, Leg
from footquiz.engine.model import Content

CONTENT = get_content()
svg = rx.el.svg
Words = Var[dict[str, str]] | dict[str, str]
Text = str | Var[str]

ROOTS = [r.id for r in CONTENT.roots.roots]
LEGS: list[Leg] = ["right", "left"]
WING = {"right": "R", "left": "L"}
"""The class suffix of each wing (``wing-R``) and of the ``<svg>`` class showing it (``dg-R``)."""

# ----- the spine (torso), seen from behind --------------------------------------------------

VERTEBRAE = ["L1", "L2", "L3", "L4", "L5"]
TOP, PITCH, BODY = 16, 26, 19
"""L1's top edge, the distance from one vertebra to the next, a vertebral body's height."""
DISCS = {f"{a}-{b}": TOP + PITCH * i + BODY + 3.5 for i, (a, b) in
         enumerate(zip(VERTEBRAE, [*VERTEBRAE[1:], "S1"], strict=True))}  # fmt: skip
"""Each disc's centre line (y)."""
CANAL = "M-5-6H5V174H-5Z"
NARROW = "M-5-6H5V80C5 92 1.5 96 1.5 104S5 116 5 128V174H-5V128C-5 116-1.5 112-1.5 104S-5 92-5 80Z"
"""The canal pinched at L3-L5, drawn instead of :data:`CANAL` for the stenosis pattern."""
TORSO = (
    "M-66-12C-66 30-70 70-76 100C-84 140-90 175-88 205C-86 238-62 256-34 256C-18 256-6 252 0 246"
    "C6 252 18 256 34 256C62 256 86 238 88 205C90 175 84 140 76 100C70 70 66 30 66-12Z"
)
HIP = "M0 160H66C80 172 88 188 88 205C86 238 62 256 34 256C18 256 6 252 0 246Z"
HIP_OUTLINE = "M66 160C80 172 88 188 88 205C86 238 62 256 34 256C18 256 6 252 0 246V196"
"""The body map's top: one buttock below the lower back, with the cleft."""
ILIUM = (
    "M24 150C26 124 40 102 60 97C74 94 83 106 81 122C79 146 70 170 62 194C52 188 38 188 30 194"
    "C28 180 26 164 24 150Z"
)
SACRUM = "M-26 146H26L12 200Q0 210-12 200ZM-5 206Q0 218 5 206"
SACRAL_HOLES = [(11, 160), (9, 174), (7, 187)]


def _way_out(disc: float, exit_y: float) -> str:
    """A root's way on the right: from its disc down beside the canal, out below its vertebra."""
    return f"M5 {disc:g}C9 {disc + 6:g} 11 {exit_y - 10:g} 12 {exit_y - 3:g}L38 {exit_y + 8:g}"


S1_OUT = "M5 142.5C9 148 10 152 11 160L30 176"
"""S1 passes the L5-S1 disc and leaves through the first sacral foramen."""
STUBS = "".join(f"M12 {e - 3:g}L38 {e + 8:g}" for e in DISCS.values()) + "M11 160L30 176"
"""Every root's way out of the spine (grey; the leading root's is drawn over it)."""
EXITS = {"L3": 98.5, "L4": 124.5, "L5": 150.5, "S1": 176}
"""Where each root is out of the spine (its stub's end), for its label's leader line."""

# ----- one wing: the right leg from behind (x 4-88) and from the front (x 100-172) ----------

BACK_LEG = (
    "M88 200C88 244 82 292 76 330C82 350 84 372 78 396C72 418 62 428 60 440L60 458H32L32 440"
    "C30 428 20 418 16 396C12 372 16 350 22 330C16 292 10 266 6 248L8 226Z"
)
BACK_OUTLINE = (
    "M88 200C88 244 82 292 76 330C82 350 84 372 78 396C72 418 62 428 60 440V452M32 452V440"
    "C30 428 20 418 16 396C12 372 16 350 22 330C16 292 10 266 6 250"
)
FOLD = "M88 214C84 240 62 256 34 256C20 256 8 253 2 248M22 330Q48 338 76 330"
"""The buttock's lower edge over the thigh, and the knee's crease."""
SOLE = (
    "M32 458C32 446 60 446 62 458C64 480 70 504 72 520C74 538 64 548 52 548H38C26 548 22 536 24 522"
    "C26 506 36 494 34 478C33 470 32 464 32 458Z"
)
SOLE_TOES = [(31, 545, 7, 8), (44, 550, 4.5, 5.5), (53, 550, 4, 5), (61, 548, 3.5, 4.5),
             (68, 543, 3, 4)]  # fmt: skip
FRONT_LEG = (
    "M100 206Q128 190 170 230C170 250 168 262 166 280C164 296 162 310 160 322"
    "C166 336 166 350 166 364C164 390 158 408 154 422C162 438 172 456 176 478H106"
    "C108 458 114 440 124 424"
    "C118 404 110 382 112 352C114 340 114 330 114 322C108 296 102 250 100 206Z"
)
FRONT_OUTLINE = (
    "M100 206Q128 190 170 230C170 250 168 262 166 280C164 296 162 310 160 322"
    "C166 336 166 350 166 364C164 390 158 408 154 422C162 438 172 456 176 478"
    "M106 478C108 458 114 440 124 424C118 404 110 382 112 352C114 340 114 330 114 322"
    "C108 296 102 250 100 206M126 434Q139 438 152 432"
)
FRONT_TOES = [(166, 488, 9, 11), (152, 492, 6, 9), (140, 493, 5.5, 8.5), (128, 491, 5, 8),
              (116, 487, 4.5, 7)]  # fmt: skip


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> str:
    return (
        f"M{cx - rx:g} {cy:g}a{rx:g} {ry:g} 0 1 0 {2 * rx:g} 0a{rx:g} {ry:g} 0 1 0 {-2 * rx:g} 0Z"
    )


PATELLA = _ellipse(138, 334, 11, 13)
TOES_BACK = "".join(_ellipse(*t) for t in SOLE_TOES)
TOES_FRONT = "".join(_ellipse(*t) for t in FRONT_TOES)


class Region(NamedTuple):
    """A place on the leg: its view, its shape, and its tap target (x, y, width, height)."""

    view: str
    shape: str
    hit: tuple[int, int, int, int]


# Seen from behind the buttock, the back of the thigh and calf, then the sole as if kneeling
# (heel on top, outer edge on the outer side); from the front the thigh, knee, shin, ankles,
# the top of the foot and the toes. Tap targets are at least 30 units on each side, which the
# body map's size makes at least 44 CSS px at 390 px wide (tests/e2e/test_diagram_browser.py).
REGIONS: dict[str, Region] = {
    "buttock": Region("back", "M12 180C34 164 72 166 86 192C90 220 80 246 56 254"
                      "C36 258 16 254 4 248C6 230 8 205 12 180Z",
                      (4, 166, 84, 84)),
    "back_thigh": Region("back", "M8 262C30 266 62 264 86 250C84 284 80 310 76 326H24"
                         "C18 300 12 280 8 262Z", (8, 254, 78, 76)),
    "front_thigh": Region("front", "M104 216C126 212 152 226 166 246C164 280 162 300 158 318H118"
                          "C112 290 106 254 104 216Z", (102, 210, 68, 106)),
    "knee": Region("front", _ellipse(138, 334, 15, 15), (120, 317, 36, 34)),
    "inner_shin": Region("front", "M139 352H165C165 372 160 398 155 416H139Z", (138, 352, 34, 62)),
    "outer_calf": Region("front", "M113 352H137V416H122C116 400 111 380 113 352Z",
                         (100, 352, 38, 62)),
    "back_calf": Region("back", "M24 346C40 352 58 352 76 346C82 364 82 382 76 400"
                        "C70 414 62 420 58 426H36C30 420 22 412 18 400C14 382 16 362 24 346Z",
                        (14, 340, 70, 88)),
    "inner_ankle": Region("front", _ellipse(157, 429, 7, 7), (152, 414, 32, 30)),
    "outer_ankle": Region("front", _ellipse(121, 431, 7, 7), (94, 414, 30, 30)),
    "top_of_foot": Region("front", "M125 440H154C160 452 166 466 170 478H113"
                          "C114 464 118 452 125 440Z", (122, 444, 30, 34)),
    "big_toe": Region("front", _ellipse(*FRONT_TOES[0]), (152, 478, 34, 34)),
    "all_toes": Region("front", TOES_FRONT, (108, 478, 44, 34)),
    "ball_of_foot": Region("back", "M18 506H76V534H18Z", (12, 508, 42, 32)),
    "heel": Region("back", "M28 444H66V476H28Z", (28, 444, 38, 32)),
    "sole": Region("back", "M28 477H54V505H28Z", (20, 477, 34, 30)),
    "outer_edge": Region("back", "M55 470H78V556H55Z", (54, 477, 32, 72)),
}  # fmt: skip
FOOT_CLIPPED = {"heel", "sole", "ball_of_foot", "outer_edge"}
"""Regions drawn as plain bands that the sole's outline clips."""

# The skin area (dermatome) of each root on each view, after the map the engine names
# (engine.diagram.DERMATOME_MAP): L3 the lower front of the thigh to the inner knee; L4 the
# inner shin, inner ankle and inner edge of the foot (and the inner calf behind); L5 the outer
# shin, the top of the foot and the big toe; S1 the back of the lower calf, the heel, the sole
# and the outer edge of the foot with the little toe (and the outer ankle in front).
SKIN: dict[str, dict[str, str]] = {
    "L3": {"front": "M106 262C126 262 150 276 168 290L162 326C152 334 142 338 134 340"
                    "C128 320 118 300 108 288Z"},
    "L4": {"front": "M140 340C150 338 160 336 166 344C166 372 160 404 156 420"
                    "C162 436 168 456 172 478H158C154 462 150 446 146 432C144 400 140 372 140 340Z",
           "back": "M18 352C24 350 30 350 34 352L38 444H32C22 422 14 390 18 352Z",
           "sole": "M20 470H37C37 490 35 505 30 520H20Z"},
    "L5": {"front": "M112 346H140C141 380 144 410 148 432L174 502H128L128 470"
                    "C126 455 124 445 122 436C116 410 110 380 112 346Z"},
    "S1": {"front": "M112 420C118 418 126 420 128 430V502H104L110 470Z",
           "back": "M48 384C60 382 72 388 80 398C72 418 64 428 60 446H44C44 420 46 400 48 384Z",
           "sole": "M28 444H76V560H40C40 522 40 502 37 482Z"},
}  # fmt: skip
CLIPS = {"dg-c-back": BACK_LEG, "dg-c-sole": SOLE + TOES_BACK, "dg-c-front": FRONT_LEG + TOES_FRONT}
"""Outlines that clip what lies on each view (CSS: .on-back, .on-sole, .on-front)."""

# Each root's way, in three parts drawn one after another: (1) from the disc that presses on
# it, down beside the canal, out below its vertebra; (2) into the leg; (3) down to its skin
# area. L5 and S1 take the sciatic route through the buttock and down the back of the thigh;
# L5 then winds round the outer side of the knee (from the back view's outer edge to the front
# view's) and down the outer shin to the top of the foot and the big toe; S1 runs down the calf
# into the heel and the sole. L3 and L4 take the femoral route: through the pelvis to the groin
# and down the front of the thigh; L4 goes on down the inner shin to the inner edge of the foot.
PATHS: dict[str, list[str]] = {
    "L3": [_way_out(64.5, 90.5) + "C54 104 70 106 84 106",
           "M84 106C100 110 112 150 116 204C120 232 128 252 138 268",
           "M138 268C146 284 152 300 156 318"],
    "L4": [_way_out(90.5, 116.5) + "C54 130 70 132 84 132",
           "M84 132C98 134 108 160 112 200C116 236 128 262 142 286C152 302 156 316 156 330",
           "M156 330C156 362 154 394 155 418C158 440 162 458 163 472"],
    "L5": [_way_out(116.5, 142.5) + "C42 164 40 180 38 192",
           "M38 192C42 206 46 224 46 250V318C50 330 62 338 78 344Q94 334 112 350",
           "M112 350C116 372 122 400 128 424C136 444 148 462 160 484"],
    "S1": [S1_OUT + "C36 184 38 196 40 210C42 222 44 232 46 244",
           "M46 244C46 270 47 300 46 336",
           "M46 336C48 366 52 396 54 420C56 436 52 448 46 462C46 486 54 508 60 538"],
}  # fmt: skip
ROOT_LABEL_Y = {"L3": 92, "L4": 118, "L5": 156, "S1": 184}
ROOT_LABEL_X = 96
"""Each root's name sits out to the side of the lower back, at its level, clear of its path."""

# Words under each view, and the side under both; then the parts of the picture shown.
BACK_X, FRONT_X, WING_X = 46, 140, 93
VIEW_LABEL_Y = {"back": 574, "front": 524}
SIDE_LABEL_Y = 600
HALF = 190
"""Half the picture's width: the torso and one wing on each side."""
MAP_BOX = "-4 160 194 420"
"""The body map: one leg from behind and from the front, with the buttock."""
BOXES = {"spine": (-8, 614), "legs": (150, 456), "foot": (410, 196)}
"""The visible band of the picture (top y, height) for each scope."""


def classes(view: DiagramView) -> str:
    """The ``<svg>`` classes that switch on what ``view`` shows (see footquiz.css).

    dg-<scope>; dg-R / dg-L the wings shown (a generic right leg while the side is unknown,
    without side words: dg-anon); m-<place> marked; r-<root> leading root (its path and skin
    area); d-<disc> its disc; dg-stenosis; dg-animate (the story plays once on the result).
    """
    names = ["dg", f"dg-{view.scope}"]
    names += [f"dg-{WING[leg]}" for leg in view.legs] or ["dg-R", "dg-anon"]
    names += [f"dg-{flag}" for flag in ("stenosis", "animate") if getattr(view, flag)]
    names += [f"m-{r}" for r in view.regions]
    names += [f"r-{r.root}" for r in view.roots] + [f"d-{d}" for d in view.discs]
    return " ".join(names)


def view_box(view: DiagramView) -> str:
    """The part of the picture to show: both halves for both legs, else the patient's side.

    With the spine the picture is always full width, so its words keep one size; without it
    only the shown wing (or both) is kept.
    """
    top, height = BOXES[view.scope]
    if view.scope == "spine" or len(view.legs) == 2:
        return f"{-HALF} {top} {2 * HALF} {height}"
    left = -HALF if view.legs == ["left"] else -4
    return f"{left} {top} {HALF + 4} {height}"


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def words(content: Content) -> dict[str, str]:
    """The drawing's labels in the content's language (the SVG itself is built once)."""
    ui = content.ui
    question = content.question(MAP_QUESTION)
    keys = ("front", "back_view", "sole_view", "top_view", "narrow_space", "map_hint")
    labels = {key: ui[key] for key in keys}
    for leg in LEGS:
        labels[f"leg_{leg}"] = _upper(ui[f"your_{leg}_leg"])
        labels[f"foot_{leg}"] = _upper(ui[f"your_{leg}_foot"])
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


def _num(value: float) -> str:
    """A coordinate as SVG writes it (Reflex's SVG props take whole numbers or strings)."""
    return f"{value:g}"


def _text(text: Text, x: float, y: float, class_name: str) -> rx.Component:
    return svg.text(text, x=_num(x), y=_num(y), class_name=class_name)


def _region(
    region_id: str, region: Region, marked: Var[list[str]] | None, labels: Words | None
) -> rx.Component:
    clipped = " on-sole" if region_id in FOOT_CLIPPED else ""
    shape = _path(region.shape, f"rg rg-{region_id}{clipped}")
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


def _regions(view: str, marked: Var[list[str]] | None, labels: Words | None) -> list[rx.Component]:
    return [_region(i, r, marked, labels) for i, r in REGIONS.items() if r.view == view]


def _legs(marked: Var[list[str]] | None = None, labels: Words | None = None) -> list[rx.Component]:
    """The leg from behind (with the sole) and from the front, with their places.

    With ``marked`` (the saved answer) the places are tappable checkboxes for the body map.
    """
    return [
        _path(BACK_LEG, "body"),
        _path(SOLE + TOES_BACK, "body"),
        _path(FRONT_LEG, "body"),
        _path(TOES_FRONT, "body"),
        _path(BACK_OUTLINE + FRONT_OUTLINE + SOLE + TOES_BACK + TOES_FRONT, "line"),
        _path(FOLD, "line"),
        _path(PATELLA, "line"),
        svg.g(*_regions("back", marked, labels), class_name="back"),
        svg.g(*_regions("front", marked, labels), class_name="front"),
    ]


def _view_labels(labels: Words) -> list[rx.Component]:
    """Under each view what it shows: "Back" and "Front", or "Sole" and "Top" for a foot."""
    return [
        _text(labels["back_view"], BACK_X, VIEW_LABEL_Y["back"], "lbl lbl-leg"),
        _text(labels["front"], FRONT_X, VIEW_LABEL_Y["front"], "lbl lbl-leg"),
        _text(labels["sole_view"], BACK_X, VIEW_LABEL_Y["back"], "lbl lbl-foot"),
        _text(labels["top_view"], FRONT_X, VIEW_LABEL_Y["front"], "lbl lbl-foot"),
    ]


def _root_parts(root: str) -> list[rx.Component]:
    """A root's skin area, then its path in three parts, each drawn over a casing."""
    skin = [_path(d, f"skin skin-{root} on-{view}") for view, d in SKIN[root].items()]
    parts = PATHS[root]
    casing = [_path(d, f"nc nv-{root} p{n}", path_length=100) for n, d in enumerate(parts, 1)]
    core = [_path(d, f"nv nv-{root} p{n}", path_length=100) for n, d in enumerate(parts, 1)]
    return [*skin, *casing, *core]


def _wing(leg: Leg, labels: Words) -> rx.Component:
    """Everything drawn on one side: disc bulges, the leg's two views, roots, words."""
    bulges = [
        svg.ellipse(cx=11, cy=_num(y), rx=8, ry="4.5", class_name=f"bulge bk-{name}")
        for name, y in DISCS.items()
    ]
    root_labels = []
    for root in ROOTS:
        y = ROOT_LABEL_Y[root]
        root_labels += [
            _path(f"M42 {EXITS[root]:g}L{ROOT_LABEL_X - 4} {y - 5}", f"lead rl-{root}"),
            _text(labels[f"root_{root}"], ROOT_LABEL_X, y, f"rl rl-{root}"),
        ]
    return svg.g(
        *_legs(),
        *bulges,
        *[part for root in ROOTS for part in _root_parts(root)],
        *root_labels,
        *_view_labels(labels),
        _text(labels[f"leg_{leg}"], WING_X, SIDE_LABEL_Y, "side side-leg"),
        _text(labels[f"foot_{leg}"], WING_X, SIDE_LABEL_Y, "side side-foot"),
        class_name=f"wing wing-{WING[leg]}",
        **({"transform": "scale(-1 1)"} if leg == "left" else {}),
    )


def _torso(labels: Words) -> rx.Component:
    """The lower back and pelvis with the spine: vertebrae, discs, canal, every root's stub."""
    holes = [_ellipse(x * side, y, 2.5, 2.5) for x, y in SACRAL_HOLES for side in (1, -1)]
    spine: list[rx.Component] = [
        _path(ILIUM, "bone"),
        svg.g(_path(ILIUM, "bone"), transform="scale(-1 1)"),
        _path(SACRUM, "bone"),
        _path("".join(holes), "hole"),
    ]
    for i in range(len(VERTEBRAE)):
        top = TOP + PITCH * i
        spine += [
            svg.rect(x=-46, y=top + 6, width=92, height=6, rx=3, class_name="bone"),
            svg.rect(x=-35, y=top, width=70, height=BODY, rx=4, class_name="bone"),
        ]
    names = [_text(name, -25, TOP + PITCH * i + 14, "vl") for i, name in enumerate(VERTEBRAE)]
    names.append(_text("S1", 0, 182, "vl"))
    for name, y in DISCS.items():
        spine += [
            svg.ellipse(cx=0, cy=_num(y), rx=40, ry=9, class_name=f"halo hl-{name}"),
            svg.rect(
                x=-34, y=_num(y - 3.5), width=68, height=7, rx="3.5", class_name=f"disc dk-{name}"
            ),
            # Beside the spine on the side without a leg (on the right when only the left is).
            _text(labels[f"disc_{name}"], -44, y + 5, f"dl dl-a dl-{name}"),
            _text(labels[f"disc_{name}"], 44, y + 5, f"dl dl-b dl-{name}"),
        ]
    spine += [
        _path(STUBS, "stub"),
        svg.g(_path(STUBS, "stub"), transform="scale(-1 1)"),
        _path(CANAL, "canal"),
        _path(NARROW, "narrow"),
        svg.ellipse(cx=0, cy=104, rx=20, ry=26, class_name="halo hl-narrow"),
        _text(labels["narrow_space"], -44, 108, "nl"),
        *names,
    ]
    return svg.g(
        _path(TORSO, "body"),
        _path("M0 196V244", "line"),
        svg.g(*spine, class_name="spine"),
        class_name="torso",
    )


def _defs() -> rx.Component:
    """Clips, hatching for marked places and dots for skin areas (so colour is never alone)."""
    return svg.defs(
        *[svg.clip_path(_path(d, ""), id=name) for name, d in CLIPS.items()],
        svg.pattern(
            svg.rect(width=6, height=6, class_name="hatch-bg"),
            svg.path(d="M0 0V6", class_name="hatch"),
            id="dg-hatch",
            width=6,
            height=6,
            pattern_units="userSpaceOnUse",
            pattern_transform="rotate(45)",
        ),
        svg.pattern(
            svg.rect(width=7, height=7, class_name="dots-bg"),
            svg.circle(cx="3.5", cy="3.5", r="1.6", class_name="dot"),
            id="dg-dots",
            width=7,
            height=7,
            pattern_units="userSpaceOnUse",
        ),
    )


def diagram(
    class_name: Var[str] | str,
    box: Var[str] | str,
    label: Var[str] | str,
    facts: Var[list[dict[str, str]]],
    labels: Words,
    size: str,
    *,
    sent: bool = False,
) -> rx.Component:
    """The picture with its facts as text under (or beside) it; ``size`` is "small" or "large".

    The small one (while answering) shows the legs and the places marked, without words.
    ``sent``: the page always arrives with its drawing (:func:`sent_picture`).
    """
    return rx.el.figure(
        sent_picture(class_name, box, label) if sent else picture(class_name, box, label, labels),
        rx.el.figcaption(
            rx.el.ul(
                rx.foreach(
                    facts, lambda fact: rx.el.li(fact["text"], class_name="fact-" + fact["kind"])
                ),
                class_name="dg-facts",
            ),
        ),
        class_name=f"dg-figure dg-{size}",
        id=f"diagram-{size}",
    )


def picture(
    class_name: Var[str] | str, box: Var[str] | str, label: Var[str] | str, labels: Words
) -> rx.Component:
    """The ``<svg>`` alone: the torso, then the right and the left wing."""
    return svg(
        _defs(),
        _torso(labels),
        *[_wing(leg, labels) for leg in LEGS],
        **_picture_props(class_name, box, label),
    )


def _picture_props(
    class_name: Var[str] | str, box: Var[str] | str, label: Var[str] | str, **attrs: str
) -> dict[str, object]:
    """The picture's ``<svg>`` attributes: what it shows, its frame and its name."""
    return {
        "view_box": box,
        "class_name": class_name,
        "role": "img",
        "aria_label": label,
        "custom_attrs": {"focusable": "false", **attrs},
    }


def sent_picture(
    class_name: Var[str] | str, box: Var[str] | str, label: Var[str] | str
) -> rx.Component:
    """The ``<svg>`` of a page that always arrives with its drawing: here without it.

    A shared result's page comes from the server whole (footquiz/prerender.py), drawing
    included, in the link's language, which the page keeps. assets/footquiz.js moves that
    drawing in here when the screen as sent goes, so the page's script does not carry it a
    second time (about 2.7 KiB compressed). What it shows still follows ``class_name``.
    """
    return svg(**_picture_props(class_name, box, label, **{"data-drawing": "sent"}))


def body_map(marked: Var[list[str]], labels: Words) -> rx.Component:
    """The leg drawing as an input: tap (or Tab + Space) a place to tick its checkbox below.

    The checkboxes stay the real form fields and the accessible alternative; the script in
    assets/footquiz.js forwards taps and keys to them, mirrors their state in aria-checked and
    lights a place up as it is ticked.
    """
    return rx.el.div(
        rx.el.p(labels["map_hint"], class_name="hint", id="body-map-hint"),
        svg(
            _defs(),
            _path(HIP, "body"),
            _path(HIP_OUTLINE, "line"),
            *_legs(marked, labels),
            *_view_labels(labels),
            view_box=MAP_BOX,
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
