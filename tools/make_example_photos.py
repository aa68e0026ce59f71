"""Draw the example report's photos, `examples/anh/*.jpg`, with Pillow.

    python tools/make_example_photos.py     # writes examples/anh/01-….jpg … 07-….jpg

The school in `examples/hk1.yaml` is fictional, so are its photos: simple drawn
scenes of the activities their captions name (a hall with a banner, a
volleyball game, lanterns…). No text is drawn, so that no font is needed:
the captions live in the YAML. Every shape comes from a seeded random
generator and JPEG carries no timestamp, so each run writes the same bytes.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "examples" / "anh"
SIZE = (960, 720)
QUALITY = 80  # a few tens of KB each: flat colours compress well

RED, YELLOW, WHITE = (196, 30, 36), (250, 210, 60), (245, 245, 240)
SKIN, HAIR = (232, 190, 150), (40, 30, 25)
CLOTHES = [(30, 80, 160), (250, 250, 250), (200, 60, 90), (60, 140, 90), (120, 70, 160)]

Draw = ImageDraw.ImageDraw
Scene = Callable[[Draw, random.Random], None]


def person(draw: Draw, x: int, y: int, scale: float, colour: tuple[int, int, int]) -> None:
    """A person seen from the front: head, hair, shoulders; (x, y) is the top of the head."""
    head = int(18 * scale)
    draw.ellipse([x - head, y, x + head, y + 2 * head], fill=SKIN)
    draw.chord([x - head, y, x + head, y + 2 * head], 180, 360, fill=HAIR)
    draw.rounded_rectangle(
        [x - 2 * head, y + 2 * head, x + 2 * head, y + 6 * head], radius=head, fill=colour
    )


def crowd(draw: Draw, rng: random.Random, rows: int, top: int, scale: float) -> None:
    """Rows of people, the nearer rows lower and larger."""
    for row in range(rows):
        size = scale * (1 + 0.25 * row)
        step = int(70 * size)
        for x in range(step // 2 + rng.randrange(20), SIZE[0], step):
            person(draw, x, top + row * int(60 * size), size, rng.choice(CLOTHES))


def banner(draw: Draw, top: int, colour: tuple[int, int, int] = RED) -> None:
    """A banner across the stage, with stripes standing for its lettering."""
    draw.rectangle([80, top, SIZE[0] - 80, top + 90], fill=colour)
    for line, width in ((top + 22, 560), (top + 52, 420)):
        left = (SIZE[0] - width) // 2
        draw.rectangle([left, line, left + width, line + 14], fill=YELLOW)


def hall(draw: Draw, rng: random.Random) -> None:
    """Hội nghị viên chức: a hall, a banner, the presidium's table, the audience."""
    draw.rectangle([0, 0, *SIZE], fill=(225, 215, 190))
    banner(draw, 40)
    draw.rectangle([200, 230, 760, 300], fill=(30, 70, 150))
    for x in (300, 420, 540, 660):
        person(draw, x, 170, 1.0, CLOTHES[1])
    crowd(draw, rng, 3, 380, 1.0)


def celebration(draw: Draw, rng: random.Random) -> None:
    """Kỷ niệm 20/11: a stage with flowers and a row of teachers."""
    draw.rectangle([0, 0, *SIZE], fill=(120, 30, 60))
    banner(draw, 50, colour=(30, 60, 140))
    for x in range(140, 900, 140):
        person(draw, x, 260, 1.3, rng.choice(CLOTHES))
        draw.ellipse([x - 25, 430, x + 25, 480], fill=rng.choice([RED, YELLOW, WHITE]))
    draw.rectangle([0, 560, SIZE[0], SIZE[1]], fill=(90, 20, 40))


def volleyball(draw: Draw, rng: random.Random) -> None:
    """Giao lưu bóng chuyền hơi: a court, the net, two teams, the ball in the air."""
    draw.rectangle([0, 0, SIZE[0], 300], fill=(150, 200, 240))
    draw.rectangle([0, 300, *SIZE], fill=(80, 160, 80))
    draw.rectangle([470, 200, 490, 640], fill=WHITE)
    for y in range(210, 330, 20):
        draw.line([120, y, 840, y], fill=WHITE, width=2)
    for x in (180, 300, 620, 760):
        person(draw, x, 380 + rng.randrange(40), 1.4, rng.choice(CLOTHES))
    draw.ellipse([520, 110, 580, 170], fill=YELLOW)


def clinic(draw: Draw, rng: random.Random) -> None:
    """Khám sức khỏe: a white room, a red cross, a queue of staff."""
    draw.rectangle([0, 0, *SIZE], fill=(235, 240, 245))
    draw.rectangle([420, 60, 540, 100], fill=RED)
    draw.rectangle([460, 20, 500, 140], fill=RED)
    draw.rectangle([600, 260, 900, 420], fill=(200, 210, 220))
    person(draw, 750, 160, 1.2, WHITE)
    for x in range(100, 560, 110):
        person(draw, x, 300 + rng.randrange(30), 1.3, rng.choice(CLOTHES))


def lanterns(draw: Draw, rng: random.Random) -> None:
    """Trung thu: star lanterns in the night, children under them."""
    draw.rectangle([0, 0, *SIZE], fill=(20, 30, 80))
    draw.ellipse([760, 40, 880, 160], fill=(250, 240, 200))
    for x in range(90, 900, 130):
        y = 150 + rng.randrange(120)
        draw.line([x, 0, x, y], fill=(200, 200, 200), width=2)
        draw.regular_polygon((x, y + 40, 40), 5, rotation=rng.randrange(30), fill=RED)
        draw.regular_polygon((x, y + 40, 18), 5, fill=YELLOW)
    crowd(draw, rng, 2, 470, 0.9)


def visit(draw: Draw, rng: random.Random) -> None:
    """Thăm hỏi: a house, members of the committee bringing a gift."""
    draw.rectangle([0, 0, *SIZE], fill=(170, 215, 240))
    draw.rectangle([0, 520, SIZE[0], SIZE[1]], fill=(120, 170, 90))
    draw.rectangle([520, 260, 880, 540], fill=(240, 220, 180))
    draw.polygon([(490, 270), (700, 120), (910, 270)], fill=(170, 60, 40))
    draw.rectangle([660, 380, 740, 540], fill=(110, 70, 40))
    for x in (120, 250, 380):
        person(draw, x, 300, 1.5, rng.choice(CLOTHES))
    draw.rectangle([300, 470, 360, 520], fill=RED)
    draw.rectangle([326, 470, 334, 520], fill=YELLOW)


def talk(draw: Draw, rng: random.Random) -> None:
    """Tọa đàm nữ công: women in áo dài around a table with flowers."""
    draw.rectangle([0, 0, *SIZE], fill=(250, 230, 235))
    banner(draw, 30, colour=(200, 60, 120))
    draw.ellipse([230, 400, 730, 600], fill=(150, 100, 70))
    draw.ellipse([440, 430, 520, 490], fill=RED)
    for x, y in ((200, 260), (360, 220), (600, 220), (760, 260)):
        person(draw, x, y, 1.3, rng.choice([(230, 90, 140), (90, 150, 220), WHITE]))


SCENES: dict[str, Scene] = {
    "01-hoi-nghi-vien-chuc.jpg": hall,
    "02-ky-niem-ngay-nha-giao.jpg": celebration,
    "03-giao-luu-bong-chuyen-hoi.jpg": volleyball,
    "04-kham-suc-khoe.jpg": clinic,
    "05-trung-thu.jpg": lanterns,
    "06-tham-hoi-doan-vien.jpg": visit,
    "07-toa-dam-nu-cong.jpg": talk,
}


def draw_photo(scene: Scene, seed: int) -> Image.Image:
    """One scene on a fresh canvas, its shapes from a generator seeded by `seed`."""
    image = Image.new("RGB", SIZE, WHITE)
    scene(ImageDraw.Draw(image), random.Random(seed))
    return image


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for seed, (name, scene) in enumerate(SCENES.items()):
        draw_photo(scene, seed).save(OUTPUT / name, "JPEG", quality=QUALITY, optimize=True)
        print(f"wrote {(OUTPUT / name).relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
