"""Columns: the mapping file (TOML/YAML: [columns], [values.COLUMN], [defaults]), which column of the file is read
as which canonical column, two read as one, required columns missing and the mapping entry that would fix it, a
file without its header row."""

from __future__ import annotations

import collections
import difflib
import re
import tomllib
from pathlib import Path

from data.importer.canonical import CANONICAL, REQUIRED, VOCAB, ImportRefused


def _norm_header(name) -> str:
    text = str(name if name is not None else "").replace("\ufeff", "").strip().lower()
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


def _unique(names: list[str]) -> list[str]:
    """Column names made unique (a second "nama" becomes "nama_2"; "_row", the source row number, is taken)."""
    seen = collections.Counter({"_row": 1})
    out = []
    for n in names:
        n = n or "column"
        seen[n] += 1
        out.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    return out


def load_mapping(mapping) -> dict:
    """A mapping (dict, or a .toml / .yaml / .yml file) normalised to
    {"columns": {norm source: canonical}, "values": {canonical: {lower source: code}}, "defaults": {canonical: text}}."""
    if mapping is None:
        return {"columns": {}, "values": {}, "defaults": {}}
    if isinstance(mapping, (str, Path)):
        path = Path(mapping)
        if not path.is_file():
            raise ImportRefused(f"mapping file {path} not found", "mapping_not_found", file=path.name)
        try:
            if path.suffix.lower() == ".toml":
                data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
            elif path.suffix.lower() in (".yaml", ".yml"):
                import yaml

                data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
            else:
                raise ImportRefused(f"mapping file {path.name} must be .toml, .yaml or .yml", "mapping_file_type",
                                    file=path.name, ext=path.suffix.lower())
        except ImportRefused:
            raise
        except Exception as e:  # a syntax error in the mapping file
            other = "YAML" if path.suffix.lower() == ".toml" else "TOML"
            raise ImportRefused(f"mapping file {path.name} cannot be read: {e}. If it is written as {other}, give it "
                                f"the .{other.lower()} extension", "mapping_unreadable", file=path.name,
                                error=str(e), other=other, ext=other.lower()) from None
    else:
        data = dict(mapping)
    if not isinstance(data, dict) or set(data) - {"columns", "values", "defaults"}:
        found = ", ".join(f"[{k}]" for k in data if k not in ("columns", "values", "defaults")) if isinstance(data, dict) else "–"
        raise ImportRefused("a mapping has the sections [columns], [values.COLUMN] and [defaults] only", "mapping_sections",
                            found=found)
    for section, example in (("columns", '"Jenis Kelamin" = "sex"'), ("values", '[values.sex] "Laki-laki" = "L"'),
                             ("defaults", 'survey_round = 2025')):
        entries = data.get(section) or {}
        nested = section == "values" and isinstance(entries, dict)
        if not isinstance(entries, dict) or nested and not all(isinstance(v or {}, dict) for v in entries.values()):
            raise ImportRefused(f"mapping [{section}] must be a table of entries such as {example}", "mapping_section_shape",
                                section=section, example=example)
    columns, values, defaults = {}, {}, {}
    for source, target in (data.get("columns") or {}).items():
        if not isinstance(target, str) or target not in CANONICAL:
            raise ImportRefused(f"mapping [columns]: '{source}' = '{target}': '{target}' is not a canonical column",
                                "mapping_column_target", source=source, target=target)
        columns[_norm_header(source)] = target
    for target, recodes in (data.get("values") or {}).items():
        if target not in VOCAB:
            raise ImportRefused(
                f"mapping [values.{target}]: recodes are for the coded columns {', '.join(VOCAB)}",
                "mapping_values_column", column=target, columns=", ".join(VOCAB),
            )
        allowed = {v.lower(): v for v in VOCAB[target]}
        out = {}
        for source, code in (recodes or {}).items():
            code = str(code).lower() if isinstance(code, bool) else str(code)
            if code.lower() not in allowed:
                raise ImportRefused(
                    f"mapping [values.{target}]: '{source}' -> '{code}': allowed codes are {', '.join(VOCAB[target])}",
                    "mapping_values_code", column=target, source=source, code_given=code, allowed=", ".join(VOCAB[target]),
                )
            out[str(source).strip().lower()] = allowed[code.lower()]
        values[target] = out
    for target, value in (data.get("defaults") or {}).items():
        if target not in CANONICAL:
            raise ImportRefused(f"mapping [defaults]: '{target}' is not a canonical column", "mapping_defaults_target",
                                target=target)
        defaults[target] = str(value)
    return {"columns": columns, "values": values, "defaults": defaults}


def _resolve_columns(columns: list[str], mapping: dict) -> tuple[dict[str, str], list[str]]:
    """source column -> canonical column, and the unused source columns."""
    used, ignored = {}, []
    taken = set()
    for col in columns:
        target = _target(col, mapping)
        if target and target not in taken:
            used[col] = target
            taken.add(target)
        else:
            ignored.append(col)
    return used, ignored


def _target(column: str, mapping: dict) -> str | None:
    """The canonical column a column of the file is read as: the mapping's, else its own name when canonical."""
    key = _norm_header(column)
    return mapping["columns"].get(key) or (key if key in CANONICAL else None)


def _known_columns(cells: list, mapping: dict) -> int:
    """How many cells of a row name a column the import knows, were the row the header."""
    return len(_resolve_columns(_unique([str(c or "").strip() for c in cells]), mapping)[0])


def _refuse_clashes(path: Path, used: dict[str, str], ignored: list[str], mapping: dict) -> None:
    """Refuse two columns of the file read as the same canonical column (by name or through the mapping): which
    one holds it is a guess the import does not make."""
    by_target = {t: s for s, t in used.items()}
    for col in ignored:
        target = _target(col, mapping)
        if target:
            raise ImportRefused(
                f"{path.name}: columns '{by_target[target]}' and '{col}' are both read as {target} (by their names or "
                "the mapping's [columns]): keep one, or rename the other")


def _missing(used: dict[str, str], mapping: dict, survey_round) -> list[str]:
    have = set(used.values()) | set(mapping["defaults"])
    missing = [c for c in REQUIRED if c not in have]
    if "umur" not in have and "tanggal_lahir" not in have:
        missing.append("umur or tanggal_lahir")
    if survey_round is None and "survey_round" not in have:
        missing.append("survey_round (or --round)")
    return missing


# words of the headers SIPBM and KoBo/ODK exports give the required columns (normalised as _norm_header), for the
# mapping entry the missing-columns message suggests
HEADER_WORDS = {
    "kode_kel": ("kode_desa", "kode_kel", "kd_desa", "kd_kel", "iddesa", "id_desa"),
    "id_keluarga": ("rumah_tangga", "ruta", "keluarga", "id_rt", "no_rt"),
    "sex": ("jenis_kelamin", "kelamin", "jk", "gender"),
    "partisipasi": ("status_sekolah", "partisipasi", "status_pendidikan", "masih_sekolah"),
    "umur": ("umur", "usia"),
    "tanggal_lahir": ("tanggal_lahir", "tgl_lahir", "lahir"),
    "survey_round": ("tahun", "putaran", "round"),
}


def _suggest(missing: list[str], ignored: list[str]) -> dict[str, str]:
    """For each missing required column, the [columns] entry of a mapping file that would fix it: the file's
    header holding one of its usual words, else the closest by spelling, else a placeholder to fill in."""
    out, taken = {}, set()
    for m in missing:
        target = m.split(" ")[0]
        free = [c for c in ignored if c not in taken]
        norm = {c: _norm_header(c) for c in free}
        source = next((c for word in HEADER_WORDS.get(target, ()) for c in free
                       if re.search(rf"(^|_){word}($|_)", norm[c])), None)
        if source is None:
            close = difflib.get_close_matches(target, list(norm.values()), n=1, cutoff=0.6)
            source = next((c for c in free if norm[c] == close[0]), None) if close else None
        taken.add(source)
        out[m] = f'[columns]\n"{source or "Your column name"}" = "{target}"'
    return out


VALUE_LIKE = re.compile(r"[+-]?\d+([.,]\d+)?|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{2}(\.\d{2}){1,3}(\.\d{4})?")


def _refuse_headerless(path: Path, columns: list[str], mapping: dict) -> None:
    """Refuse a file whose header row holds values (numbers, dates, wilayah codes) and names no known column: a
    file saved without its header line. Its cells are not echoed: they are a child's NIK, name, birth date."""
    cells = [str(c).strip() for c in columns if str(c).strip()]
    values = sum(bool(VALUE_LIKE.fullmatch(c)) for c in cells)
    if _known_columns(columns, mapping) == 0 and values >= 2 and values * 4 >= len(cells):
        raise ImportRefused(
            f"{path.name} has no header row: its first row holds values ({values} of its {len(cells)} cells are "
            "numbers, dates or codes), not column names. Add the header line of the canonical format "
            "(docs/import-format.md) above the data", "no_header", file=path.name)


def _missing_message(path: Path, missing, suggestions, columns, info) -> str:
    lines = [f"{path.name}: required columns missing: {', '.join(missing)}."]
    lines.append(f"Columns found: {', '.join(columns)[:500]}.")
    if len(columns) == 1 and info.get("delimiter"):
        lines.append(f"Only one column was found with delimiter {info['delimiter']!r}: is the file delimited by "
                     "something else?")
    lines.append("A mapping file (--mapping map.toml) that would fix it:")
    for m, entry in suggestions.items():
        lines.append(entry.replace("\n", " "))
    lines.append("See docs/import-format.md.")
    return " ".join(lines)
