"""A messy, hand-made cascading workbook as planners send them (merged two-row headers, blank
cells that repeat the row above, numbers as text): read by tests/test_xlsx.py and
tests/test_messages_bilingual.py."""

from __future__ import annotations

from pathlib import Path

import openpyxl


def messy_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Renstra Dinkes"
    ws["A1"] = "MATRIKS CASCADING DINAS KESEHATAN"
    ws.merge_cells("A1:N1")
    ws["A2"], ws["B2"] = "Perangkat Daerah", "Dinas Kesehatan"
    ws["A3"] = "ID OPD: dinkes"
    # a two-row header: merged group headers over the years
    top = [
        "No.",
        "Tingkat",
        "Sasaran/Pernyataan",
        "Indikator",
        "Satuan",
        "Baseline",
        "Target",
        None,
        "Realisasi 2025",
        "Kode",
        "Program/Kegiatan/Sub-Kegiatan",
        "Pagu Indikatif (Rp)",
        None,
        "Penanggung Jawab",
        "ID Induk",
    ]
    for c, value in enumerate(top, 1):
        ws.cell(5, c, value)
    for c, value in ((7, 2025), (8, "2026"), (12, "2025"), (13, 2026)):
        ws.cell(6, c, value)
    ws.merge_cells("G5:H5")
    ws.merge_cells("L5:M5")
    for col in "ABCDEFIJKNO":
        ws.merge_cells(f"{col}5:{col}6")
    rows = [
        # 7: a sasaran strategis with two indicators; its cells written once (blank repeats)
        [
            1,
            "Sasaran Strategis",
            "Menurunnya kematian ibu",
            "Angka Kematian Ibu",
            "per 100.000 KH",
            "112",
            "105",
            "98",
            "101",
            None,
            None,
            None,
            None,
            "Kepala Dinas",
            "sasaran-1",
        ],
        [
            None,
            None,
            None,
            "Angka Kematian Bayi",
            "per 1.000 KH",
            "9,5",
            "9",
            "8,5",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        # 9-10: a program, its statement merged over both rows, parent found above it
        [
            2,
            "SP",
            "Meningkatnya cakupan pelayanan ibu hamil",
            "Cakupan K4",
            "%",
            "85,5",
            "88",
            "90",
            "86,25",
            "1.02.02",
            "Program Pemenuhan Upaya Kesehatan",
            "1.250.000.000",
            "Rp 1.300.000.000",
            "Kepala Bidang Kesmas",
            None,
        ],
        [
            None,
            None,
            None,
            "Cakupan K6",
            "%",
            0.7,
            "Predikat A",
            "-",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        # 11: the code inside the name cell, a budget that is not a number
        [
            3,
            "Kegiatan",
            "Tersedianya layanan kesehatan ibu hamil",
            "Puskesmas ANC standar",
            "%",
            "80",
            "85",
            "90",
            None,
            None,
            "1.02.02.2.02 Penyediaan Layanan Kesehatan",
            "banyak",
            None,
            None,
            None,
        ],
        # 12-13: an unknown level: the row and the indicator row under it are not placed
        [
            4,
            "Sasaran Galaksi",
            "Sesuatu yang tidak dikenal",
            "Indikator X",
            "%",
            "1",
            "2",
            "3",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        [
            None,
            None,
            None,
            "Indikator Y",
            "%",
            "1",
            "2",
            "3",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
    ]
    for r, values in enumerate(rows, 7):
        for c, value in enumerate(values, 1):
            if value is not None:
                ws.cell(r, c, value)
    ws.merge_cells("C9:C10")
    ws.merge_cells("B9:B10")
    ws["F10"].number_format = "0%"  # 0.7 shown as 70%
    # a second sheet: an indicator row with no sasaran above it
    other = wb.create_sheet("Lanjutan")
    other["A1"], other["B1"], other["C1"] = "Sasaran", "Indikator Kinerja", "Target 2025"
    other["B3"], other["C3"] = "Indikator tanpa sasaran", "10"
    other["D1"] = "ID OPD"
    other["D3"] = "dinkes"
    wb.save(path)
