"""Unit cells split into names, and the registry of units: one per body, never a silent merge.

A cell is split at line breaks, semicolons and commas (a comma followed by a lower-case word
continues the name: "Các bộ, ngành, địa phương"), at " và " only where both sides name a unit,
and before a head word ("Sở", "Bộ", "Phòng", "UBND") that starts a second name run into the
first. A name without a head word after one with it takes that head ("Phòng Quản lý đô thị,
Tài nguyên và Môi trường"). Every split, every borrowed head, every spelling matched to a
unit already known is a `Choice` for the review list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hoinhap_cli.words.text import fold

HEADS = ("Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND", "UB.", "Bộ", "Sở", "Phòng", "Ban", "Trung tâm", "Văn phòng",
         "Chi cục", "Cục", "Tổng cục", "Viện", "Học viện", "Trường", "Đại học", "Công ty", "Tổng công ty",
         "Tập đoàn", "Hội", "Hiệp hội", "Liên đoàn", "Tổ", "Công an", "Đài", "Báo", "Thông tấn xã", "Ngân hàng",
         "Bảo hiểm", "Kho bạc", "Thanh tra", "Tòa án", "Viện kiểm sát", "Kiểm toán", "Mặt trận", "Đoàn",
         "Doanh nghiệp", "Các", "Đơn vị", "Bộ Tư lệnh", "Bộ Chỉ huy", "Quân khu", "Ủy ban", "UNND",
         "Chính phủ", "Thủ tướng", "Hội đồng", "Quốc hội", "Tòa án", "Viện Kiểm sát")
_STRONG = ("Sở", "Bộ", "Phòng", "UBND", "Ủy ban nhân dân")  # heads that start a second name run together
_HEAD_RE = re.compile(r"^(" + "|".join(re.escape(h) for h in sorted(HEADS, key=len, reverse=True)) + r")(?=\s|$|,)")
_RUN_TOGETHER = re.compile(r"(?<=[\wđ)])\s+(?=(?:" + "|".join(re.escape(h) for h in _STRONG) + r")\s+[A-ZĐÀ-Ỹ0-9])")
_ABBREV = re.compile(r"^[A-ZĐ][A-ZĐ&\-.]*[A-ZĐ]$")
_LOCALITY = re.compile(r"\s+(quận|huyện|thành phố|tp|tỉnh|xã|phường)(\s+\d+)?\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class Choice:
    """One place the importer chose: an i18n key (import.choice.*) and its values."""

    key: str
    values: dict[str, str]


def head_of(name: str) -> str | None:
    m = _HEAD_RE.match(name)
    return m.group(1) if m else None


def split_cell(text: str) -> tuple[list[str], list[Choice]]:
    """The unit names a cell gives, in order, and what was chosen to get them."""
    choices: list[Choice] = []
    names: list[str] = []
    clever = False  # a split a person should check: run together, at " và ", a head borrowed or fixed
    shared: list[str] = []  # the qualifiers shared by two groups: the split is a guess, said as such
    for line in text.splitlines():
        line = re.sub(r"^\s*[-+•–]\s*", "", line).strip().rstrip(".;,")
        if not line:
            continue
        for part in re.split(r"\s*;\s*", line):
            for piece in _commas(part):
                together = _run_together(piece)
                clever = clever or len(together) > 1
                for name in together:
                    qualified = _shared_split(name)
                    if qualified:
                        shared.append(qualified[2])
                    parts = list(qualified[:2]) if qualified else _and_split(name)
                    clever = clever or len(parts) > 1
                    names.append(parts[0])
                    names.extend("\x00" + p for p in parts[1:])  # after " và ": no head borrowed
    out: list[str] = []
    previous_head: str | None = None
    for raw in names:
        name = raw.lstrip("\x00").strip().rstrip(".;,").strip()
        if not name:
            continue
        head = head_of(name)
        if name in ("Sở", "Bộ", "Phòng", "Ban", "UBND", "Các", "Trung tâm", "Hội", "Viện", "Cục", "Tổ", "Công ty"):
            continue  # a head word alone: the rest of the name was lost or typed twice
        doubled = re.match(r"^(\S+) \1 ", name)
        if doubled and head_of(name[len(doubled[1]) + 1:]):  # "Sở Sở Công thương": a head word typed twice
            fixed = name[len(doubled[1]) + 1:]
            choices.append(Choice("import.choice.alias", {"text": name, "name": fixed}))
            name, clever = fixed, True
        if head is None and previous_head == "Phòng" and name[:1].isupper() and not raw.startswith("\x00"):
            choices.append(Choice("import.choice.alias", {"text": name, "name": f"{previous_head} {name}"}))
            name, head, clever = f"{previous_head} {name}", previous_head, True
        previous_head = head or previous_head
        out.append(name)
    if len(out) > 1 and shared:
        choices.append(Choice("import.choice.shared", {"text": " ".join(text.split()), "parts": " | ".join(out),
                                                       "qualifier": ", ".join(dict.fromkeys(shared))}))
    elif len(out) > 1 and clever:
        choices.append(Choice("import.choice.split", {"text": " ".join(text.split()), "parts": " | ".join(out)}))
    return out, choices


def _commas(part: str) -> list[str]:
    """Comma-separated pieces; a piece that cannot start a name continues the one before it: a
    lower-case word ("Các bộ, ngành"; "… và các bộ, ngành, địa phương" after a named body), or a
    capitalised one without a head word after a body other than a district office ("Bộ Văn hóa,
    Thể thao và Du lịch"; "Phòng QLĐT, TNMT" are two)."""
    out: list[str] = []
    for bit in re.split(r"\s*,\s*", part):
        if not bit:
            continue
        lower = bit[:1].islower() and not fold(bit).startswith(("cac ", "ubnd")) and not bit.split()[0].isupper() \
            and not (out and _named(out[-1]) and not _GROUP_TAIL.search(out[-1]) and fold(bit).startswith(_GENERIC))
        headless = out and head_of(bit) is None and bit[:1].isupper() and not _ABBREV.match(bit.split()[0]) \
            and head_of(out[-1]) not in (None, "Phòng", "Các")
        if out and (lower or headless):
            out[-1] = out[-1] + ", " + bit
        else:
            out.append(bit)
    return out


_GENERIC = ("bo", "so", "nganh", "ban ", "dia phuong", "co quan", "don vi", "doanh nghiep")
_GROUP_TAIL = re.compile(r"\b(các|những)(,?\s+[a-zà-ỹđ\-]+)+$")  # "… và các bộ": a group the next piece goes on


def _named(piece: str) -> bool:
    """A body named in full ("Bộ Tài chính"), after which "bộ, ngành liên quan" is another unit."""
    head = head_of(piece)
    return bool(head) and piece[len(head or ""):].strip()[:1].isupper()


def _run_together(piece: str) -> list[str]:
    parts = _RUN_TOGETHER.split(piece)
    merged: list[str] = []
    for p in parts:
        p = re.sub(r"\s+và$", "", p.strip())
        if merged and (head_of(merged[-1]) is None or merged[-1] in _STRONG):
            merged[-1] = merged[-1] + " " + p
        else:
            merged.append(p)
    return merged


def _and_split(name: str) -> list[str]:
    """A name cut at the first " và " with a unit on both sides ("Bộ Công an và các địa phương");
    "Sở Khoa học và Công nghệ" stays whole."""
    if head_of(name) is None:
        return [name]
    for m in re.finditer(r" và ", name):
        left, right = name[:m.start()], name[m.end():]
        if head_of(right) in _STRONG + ("Các", "Trung tâm", "Ban", "Viện", "Hội", "Công ty", "Chi cục", "Văn phòng") \
                or fold(right).startswith(("cac ", "ubnd")):
            return [left, *_and_split(right)]
    return [name]


# Kinds of body a group may be made of (lower case), and the qualifiers two such groups share.
_BODY_WORDS = ("phòng", "ban", "sở", "ngành", "bộ", "cơ quan", "đơn vị", "phường", "xã", "thị trấn", "quận",
               "huyện", "tỉnh", "địa phương", "trường", "doanh nghiệp", "tổ chức", "đoàn thể", "hội", "đoàn")
_BODY = "(?:" + "|".join(re.escape(w) for w in sorted(_BODY_WORDS, key=len, reverse=True)) + ")"
_BODIES = rf"{_BODY}(?:\s*[-,/]\s*{_BODY}|\s+{_BODY})*"
_COMMITTEE = r"(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+"
_QUALIFIER = r"(?:có\s+)?liên\s+quan|chức\s+năng(?:\s+(?:có\s+)?liên\s+quan)?"
_SHARED = re.compile(rf"^((?:{_COMMITTEE})?các\s+{_BODIES})\s+và\s+((?:{_COMMITTEE})?(?:các\s+)?{_BODIES})"
                     rf"\s+({_QUALIFIER})$")


def _shared_split(name: str) -> tuple[str, str, str] | None:
    """Two groups that share the qualifier written once after both: "Các phòng - ban và phường có
    liên quan" is "Các phòng - ban có liên quan" and "các phường có liên quan"; "các sở, ngành và
    UBND các phường liên quan" is "các sở, ngành liên quan" and "UBND các phường liên quan". Only
    words that are kinds of body are read so: "Các doanh nghiệp vừa và nhỏ có liên quan" stays one."""
    m = _SHARED.match(" ".join(name.split()).lower())
    if m is None:
        return None
    words = " ".join(name.split())  # the spelling kept: the match is on lower case, of equal length
    left, right, qualifier = words[m.start(1):m.end(1)], words[m.start(2):m.end(2)], words[m.start(3):m.end(3)]
    if not re.match(rf"^(?:{_COMMITTEE})?các\s", right.lower()):
        right = "các " + right  # "phường" alone is the group "các phường"
    return f"{left} {qualifier}", f"{right} {qualifier}", qualifier


# ------------------------------------------------------------------ the registry


_KINDS: list[tuple[str, str]] = [
    (r"^(cac|nhung) ", "không cụ thể"), (r"^(bo|so), nganh", "không cụ thể"), (r", (nganh|dia phuong)", "không cụ thể"),
    (r"^(ubnd|uy ban nhan dan) (cac|\d+) ", "không cụ thể"),  # "UBND các phường, xã", "UBND 11 phường": no members
    (r"^(bo |)cong an", "công an"), (r"^(bo quoc phong|bo chi huy quan su|ban chi huy quan su)", "quân đội"),
    (r"^bo ", "bộ"), (r"^so ", "sở"),
    (r"^(ubnd|uy ban nhan dan|unnd|ub\.?) .*(phuong)", "ubnd phường"),
    (r"^(ubnd|uy ban nhan dan) (cac |\d+ )?(xa|thi tran)\b", "ubnd xã"),
    (r"^(ubnd|uy ban nhan dan) .*(quan|huyen|thi xa)", "ubnd huyện"),
    (r"^(ubnd|uy ban nhan dan) .*(tinh|thanh pho)", "ubnd tỉnh"),
    (r"^(ngan hang nha nuoc|thanh tra chinh phu|van phong chinh phu)", "cơ quan ngang bộ"),
    (r"^phong ", "phòng"), (r"^van phong", "văn phòng"), (r"^ban ", "ban"), (r"^trung tam", "trung tâm"),
    (r"^vien kiem sat", "cơ quan"), (r"^(vien|hoc vien) ", "viện"), (r"^(truong|dai hoc)", "trường"),
    (r"^(cong ty|tong cong ty|tap doan)", "công ty"), (r"^(doanh nghiep|nha cung cap|nha dau tu)", "doanh nghiệp"),
    (r"^(hiep hoi)", "hiệp hội"), (r"^hoi ", "hội"), (r"^to ", "tổ công tác"),
    (r"^(chi cuc|cuc|bao hiem|kho bac|quoc hoi|toa an|kiem toan)( |$)", "cơ quan"),
    (r"^(dai|bao) |^(vtv|vov|ttxvn)$", "đài báo"), (r"^ngan hang", "ngân hàng"),
    (r"^(mat tran|ub\.? mttq|doan )", "đoàn thể"),
]


def kind_of(name: str) -> str | None:
    folded = fold(name)
    for pattern, kind in _KINDS:
        if re.search(pattern, folded):
            return kind
    return None


def _key(name: str) -> str:
    """What two spellings of one body share: folded, "Ủy ban nhân dân" as UBND, no punctuation."""
    f = fold(name).replace("uy ban nhan dan", "ubnd").replace("unnd", "ubnd")
    f = re.sub(r"\(.*?\)", " ", f)
    return " ".join(re.sub(r"[^\w&]+", " ", f).split())


def _group_key(name: str) -> str | None:
    """What two spellings of one group share: "có liên quan" as "liên quan", "UBND các …" as
    "các …" (the wards of a group act through their committees); None for a body that is no group."""
    if kind_of(name) != "không cụ thể":
        return None
    key = re.sub(r"\bco (?=lien quan\b)", "", _key(name))
    return re.sub(r"^ubnd (?=cac )", "", key)


def _without_and(key: str) -> str:
    return " ".join(w for w in key.split() if w != "va")


def _one_letter_apart(a: str, b: str) -> bool:
    """A typo in a long name: the same length, one letter different, and not a number."""
    if len(a) < 10 or len(a) != len(b):
        return False
    diffs = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diffs) == 1 and not (diffs[0][0].isdigit() or diffs[0][1].isdigit())


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-–,&]+", fold(name)) if w and w not in ("va",)]
    return "".join(w[0] for w in words)


def _abbrev_letters(token: str) -> str:
    return fold(re.sub(r"[^A-Za-zĐđ]", "", token))


@dataclass
class Unit:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    guessed_kind: bool = False


@dataclass
class Registry:
    units: list[Unit] = field(default_factory=list)
    _by_key: dict[str, Unit] = field(default_factory=dict)
    _ids: set[str] = field(default_factory=set)

    def add(self, spelling: str) -> tuple[Unit, Choice | None]:
        """The unit a spelling names: one already known (said, when spelled differently), or a new one."""
        key = _key(spelling)
        known = self._by_key.get(key)
        if known is not None:
            if spelling != known.name and spelling not in known.aliases:
                known.aliases.append(spelling)
                if fold(spelling) != fold(known.name):
                    return known, Choice("import.choice.alias", {"text": spelling, "name": known.name})
            return known, None
        match = self._match(spelling)
        if match is not None:
            if spelling not in match.aliases:
                match.aliases.append(spelling)
            self._by_key[key] = match
            return match, Choice("import.choice.alias", {"text": spelling, "name": match.name})
        kind = kind_of(spelling)
        name = " ".join(re.sub(r"\(.*?\)", " ", spelling).split()) or spelling
        name = name[:1].upper() + name[1:]  # "các bộ, ngành" inside a sentence names the group "Các bộ, ngành"
        unit = Unit(self._new_id(spelling), name, kind or "khác", guessed_kind=kind is None)
        if name != spelling:
            unit.aliases.append(spelling)
        self.units.append(unit)
        self._by_key[key] = unit
        return unit, None

    def _match(self, spelling: str) -> Unit | None:
        """Another spelling of a known body: a locality word added or left off ("Phòng Kinh tế
        quận"), an abbreviation of the words after the same head ("Phòng QLĐT", "Sở KH&CN"),
        one letter mistyped in a long name ("UNND 11 phường"), a comma for "và" after the same
        head ("Bộ Khoa học, Công nghệ"), a group written with or without
        "có" or its committee ("các phường có liên quan", "UBND các phường liên quan")."""
        key = _key(spelling)
        bare = _key(_LOCALITY.sub("", spelling))
        head = head_of(spelling)
        group = _group_key(spelling)
        for unit in self.units:
            if group and group == _group_key(unit.name):
                return unit
            ukey = _key(unit.name)
            if bare == _key(_LOCALITY.sub("", unit.name)) and bare.count(" ") >= 1:
                return unit
            if head and head_of(unit.name) == head:
                rest, urest = spelling[len(head):].strip(), unit.name[len(head):].strip()
                if rest and " " not in rest and _ABBREV.match(rest) and _abbrev_letters(rest) == _initials(urest):
                    return unit
                if urest and " " not in urest and _ABBREV.match(urest) and _abbrev_letters(urest) == _initials(rest):
                    return unit
            if head and head_of(unit.name) == head and _one_letter_apart(key, ukey):
                return unit
            if head and head_of(unit.name) == head and _without_and(key) == _without_and(ukey):
                return unit
        return None

    def _new_id(self, name: str) -> str:
        folded = fold(re.sub(r"\(.*?\)", " ", name)).replace("uy ban nhan dan", "ubnd")
        words = re.sub(r"[^a-z0-9]+", " ", folded).split() or ["don-vi"]
        base = ""
        for w in words:
            if len(base) + len(w) + 1 > 40 and base:
                break
            base = f"{base}-{w}" if base else w
        candidate, n = base, 2
        while candidate in self._ids:
            candidate, n = f"{base}-{n}", n + 1
        self._ids.add(candidate)
        return candidate
