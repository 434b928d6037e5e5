"""Hatched charts as plain vector drawing, for printing.

Matplotlib draws a hatch as an SVG ``<pattern>`` fill. Browsers show that well on screen, but
Chromium's PDF printer turns every patterned shape into a bitmap: a blurred figure and about
10 MB of images in the printed book. :func:`expand_patterns` rewrites such an SVG so that each
patterned shape is its background colour plus the pattern's lines repeated over the shape and
clipped to it, which prints as vectors. Only the print copies of the figures are rewritten.

    python -m bookscripts.print_svg figure.svg > figure-print.svg
"""

from __future__ import annotations

import math
import re
import sys
import xml.etree.ElementTree as ET

SVG = "http://www.w3.org/2000/svg"
NAMESPACES = {
    "": SVG,
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "cc": "http://creativecommons.org/ns#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)

NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
FILL_URL = re.compile(r"fill:\s*url\(#([^)]+)\)")
ABSOLUTE_PATH = re.compile(r"[\sMLCQZz0-9eE.,+-]*")
SIMPLE_PATTERN = {"id", "patternUnits", "x", "y", "width", "height"}


def _tag(name: str) -> str:
    return f"{{{SVG}}}{name}"


def path_points(d: str) -> list[tuple[float, float]]:
    """The coordinate pairs of a path written with absolute commands (M, L, C, Q, Z), as
    Matplotlib writes them."""
    if not ABSOLUTE_PATH.fullmatch(d):
        raise ValueError("only absolute M, L, C, Q and Z commands are supported")
    numbers = [float(n) for n in NUMBER.findall(d)]
    return list(zip(numbers[0::2], numbers[1::2]))


def shift_path(d: str, dx: float, dy: float) -> str:
    """Path `d` (absolute commands only) moved by (dx, dy)."""
    index = 0

    def move(match: re.Match) -> str:
        nonlocal index
        value = float(match.group(0)) + (dx if index % 2 == 0 else dy)
        index += 1
        return f"{value:g}"

    return NUMBER.sub(move, d)


def _patterns(root: ET.Element) -> dict[str, tuple[str, list[ET.Element], float, float]]:
    """id -> (background colour, the pattern's paths, tile width, tile height), for the simple
    patterns Matplotlib writes; any other pattern is left out (and stays a pattern)."""
    found = {}
    for pattern in root.iter(_tag("pattern")):
        if set(pattern.attrib) - SIMPLE_PATTERN or pattern.get("patternUnits") != "userSpaceOnUse":
            continue
        if float(pattern.get("x", 0)) or float(pattern.get("y", 0)):
            continue
        children = list(pattern)
        rects = [c for c in children if c.tag == _tag("rect")]
        paths = [c for c in children if c.tag == _tag("path")]
        if len(rects) + len(paths) != len(children) or len(rects) > 1:
            continue
        background = rects[0].get("fill", "none") if rects else "none"
        found[pattern.get("id")] = (background, paths, float(pattern.get("width")), float(pattern.get("height")))
    return found


def expand_patterns(svg: str) -> str:
    """`svg` with every shape filled by a simple Matplotlib pattern redrawn as vectors (see the
    module's description); an SVG without such a pattern comes back unchanged."""
    if "<pattern" not in svg:
        return svg
    root = ET.fromstring(svg.encode("utf-8"))
    patterns = _patterns(root)
    if not patterns:
        return svg
    defs = root.find(_tag("defs"))
    if defs is None:
        defs = ET.SubElement(root, _tag("defs"))
    parents = {child: parent for parent in root.iter() for child in parent}
    count = 0
    for shape in list(root.iter(_tag("path"))):
        style = shape.get("style", "")
        match = FILL_URL.search(style)
        if not match or match.group(1) not in patterns or shape in parents and parents[shape].tag == _tag("pattern"):
            continue
        try:
            points = path_points(shape.get("d", ""))
        except ValueError:
            continue
        background, tile_paths, width, height = patterns[match.group(1)]
        xs, ys = [x for x, _ in points], [y for _, y in points]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        count += 1
        clip = ET.SubElement(defs, _tag("clipPath"), id=f"print-hatch-{count}")
        ET.SubElement(clip, _tag("path"), d=shape.get("d"))
        outer = ET.Element(_tag("g"), {k: v for k, v in shape.attrib.items() if k in ("clip-path", "transform")})
        inner = ET.SubElement(outer, _tag("g"), {"clip-path": f"url(#print-hatch-{count})"})
        if background != "none":
            ET.SubElement(
                inner,
                _tag("rect"),
                x=f"{x0:g}",
                y=f"{y0:g}",
                width=f"{x1 - x0:g}",
                height=f"{y1 - y0:g}",
                fill=background,
            )
        for tile_path in tile_paths:
            pieces = []
            for i in range(math.floor(x0 / width), math.floor(x1 / width) + 1):
                for j in range(math.floor(y0 / height), math.floor(y1 / height) + 1):
                    pieces.append(shift_path(tile_path.get("d", ""), i * width, j * height))
            ET.SubElement(
                inner, _tag("path"), d=" ".join(" ".join(p.split()) for p in pieces), style=tile_path.get("style", "")
            )
        parent = parents[shape]
        parent.insert(list(parent).index(shape), outer)
        shape.set("style", FILL_URL.sub("fill: none", style))
    return ET.tostring(root, encoding="unicode")


def main() -> None:
    sys.stdout.write(expand_patterns(open(sys.argv[1], encoding="utf-8").read()))


if __name__ == "__main__":
    main()
