"""Words for people in place of the worksheet's internal ids (gate ids, answer types).

The ids stay in JSON (a contract with scripts); tables, lines and the xlsx
sheet show these words, in the interface language."""

from __future__ import annotations

from zi_plan.i18n import _


def gate_label(gate_id: str) -> str:
    """'Area 2' for 'area:2', 'Birokrasi bersih' for 'birokrasi_bersih' ..."""
    if gate_id.startswith("area:"):
        return _("Area {no}").format(no=gate_id.partition(":")[2])
    words = {"total": _("Total score"), "pengungkit": "Pengungkit", "birokrasi_bersih": _("Birokrasi bersih"), "ipak": "IPAK",
             "capaian_kinerja": _("Capaian kinerja"), "ipkp": "IPKP"}  # fmt: skip
    return words.get(gate_id, gate_id)


def answer_type_label(kind: str) -> str:
    """'Ya/Tidak' for 'ya_tidak', 'Persentase' for 'persen' ..."""
    words = {"ya_tidak": _("Yes/No (Ya/Tidak)"), "abc": "A/B/C", "abcd": "A/B/C/D", "abcde": "A/B/C/D/E",
             "persen": _("Percentage"), "jumlah": _("Count"), "nilai_0_4": _("Index 0–4")}  # fmt: skip
    return words.get(kind, kind)
