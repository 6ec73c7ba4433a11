"""Skåne's 33 municipalities as a grid cartogram: (column, row) of each tile by municipality code,
roughly where the municipality lies (north-west Båstad at the top, Trelleborg at the bottom)."""

TILES: dict[str, tuple[int, int]] = {
    "1278": (1, 0),  # Båstad
    "1257": (2, 0),  # Örkelljunga
    "1273": (5, 0),  # Osby
    "1284": (0, 1),  # Höganäs
    "1292": (1, 1),  # Ängelholm
    "1276": (2, 1),  # Klippan
    "1275": (3, 1),  # Perstorp
    "1293": (4, 1),  # Hässleholm
    "1256": (5, 1),  # Östra Göinge
    "1272": (6, 1),  # Bromölla
    "1283": (0, 2),  # Helsingborg
    "1277": (1, 2),  # Åstorp
    "1260": (2, 2),  # Bjuv
    "1214": (3, 2),  # Svalöv
    "1267": (4, 2),  # Höör
    "1290": (5, 2),  # Kristianstad
    "1282": (1, 3),  # Landskrona
    "1261": (2, 3),  # Kävlinge
    "1285": (3, 3),  # Eslöv
    "1266": (4, 3),  # Hörby
    "1262": (1, 4),  # Lomma
    "1281": (2, 4),  # Lund
    "1230": (3, 4),  # Staffanstorp
    "1265": (4, 4),  # Sjöbo
    "1270": (5, 4),  # Tomelilla
    "1291": (6, 4),  # Simrishamn
    "1280": (1, 5),  # Malmö
    "1231": (2, 5),  # Burlöv
    "1263": (3, 5),  # Svedala
    "1264": (4, 5),  # Skurup
    "1286": (5, 5),  # Ystad
    "1233": (1, 6),  # Vellinge
    "1287": (2, 6),  # Trelleborg
}
TILE = 56  # the side of a tile in the SVG's units
GAP = 4


def tile_map(names: dict[str, str], persons: dict[str, int], ideas: dict[str, int]) -> dict:
    """What the map template draws: each municipality's tile with its numbers, shaded by persons
    reached (five steps of the largest), and the SVG's size."""
    largest = max((persons.get(code, 0) for code in TILES), default=0)
    tiles = []
    for code, (column, row) in TILES.items():
        reached = persons.get(code, 0)
        tiles.append(
            {
                "code": code,
                "name": names.get(code, code),
                "x": column * (TILE + GAP),
                "y": row * (TILE + GAP),
                "persons": reached,
                "ideas": ideas.get(code, 0),
                "shade": 0 if not reached else 1 + (4 * reached) // (largest + 1),
            }
        )
    columns = 1 + max(column for column, _row in TILES.values())
    rows = 1 + max(row for _column, row in TILES.values())
    return {"tiles": tiles, "width": columns * (TILE + GAP), "height": rows * (TILE + GAP), "size": TILE}
