"""A narrator's reading: the words a person says for what a sentence shows.

``$1,299.99`` is "one thousand two hundred ninety-nine dollars and ninety-nine
cents", ``180°C`` "one hundred eighty degrees Celsius", ``Jan. 5th, 2024``
"January fifth, twenty twenty-four", ``example.com`` "example dot com".
The displayed text never changes; only what the voice is given does.

The reading is made *per displayed word* (a run of non-space characters):
:func:`read_words` returns one spoken string for every displayed word, so
that word cues stay attached to what is on screen (karaoke lights
``$1,299.99`` for as long as its nine spoken words last).  A rule may look at
the words around it (``kg`` is "kilograms" after a number, ``a.m.`` "a m"
after a time).

Rules are kept per language: a :class:`Reading` subclass per language code,
registered in :data:`READINGS`.  English is the first; a language without one
is given to its voice as written (its voice reads its own numbers).
"""

from __future__ import annotations

import functools
import re
from typing import Sequence

#: Punctuation a displayed word may open or close with; kept around its reading (a voice pauses at it).
_LEAD = "\"'“‘«([{¿¡"
_TRAIL = "\"'”’»)]},;:.!?…"
_CLOSING = "\"'”’»)]}"

_ENGLISH_HINTS = frozenset(
    "the and of to is you your with for that this it are was my we our they their i a an in on at "
    "from by be have has will can not".split()
)


class Reading:
    """No rules: every word is read as written.  Subclass per language."""

    lang = ""

    def read_words(self, words: Sequence[str]) -> list[str]:
        return list(words)


# --- English --------------------------------------------------------------------------

_CURRENCIES = {  # symbol: (singular, plural, cent singular, cent plural)
    "$": ("dollar", "dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
}
_SCALES = {"k": "thousand", "K": "thousand", "m": "million", "M": "million", "bn": "billion", "b": "billion", "B": "billion"}
_SCALE_WORDS = {"thousand", "million", "billion", "trillion"}

#: unit as written -> (singular, plural).  Only read so after a number.
_UNITS = {
    "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
    "mg": ("milligram", "milligrams"),
    "g": ("gram", "grams"),
    "kg": ("kilogram", "kilograms"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "ml": ("milliliter", "milliliters"),
    "mL": ("milliliter", "milliliters"),
    "l": ("liter", "liters"),
    "L": ("liter", "liters"),
    "mm": ("millimeter", "millimeters"),
    "cm": ("centimeter", "centimeters"),
    "m": ("meter", "meters"),
    "km": ("kilometer", "kilometers"),
    "ft": ("foot", "feet"),
    "mi": ("mile", "miles"),
    "mph": ("mile per hour", "miles per hour"),
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "kB": ("kilobyte", "kilobytes"),
    "KB": ("kilobyte", "kilobytes"),
    "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Hz": ("hertz", "hertz"),
    "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"),
    "W": ("watt", "watts"),
    "kW": ("kilowatt", "kilowatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "V": ("volt", "volts"),
    "ms": ("millisecond", "milliseconds"),
    "s": ("second", "seconds"),
    "sec": ("second", "seconds"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "h": ("hour", "hours"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "x": ("times", "times"),
    "%": ("percent", "percent"),
}
_GLUED_UNITS = sorted(_UNITS, key=len, reverse=True)

#: Abbreviations with their reading; compared case-sensitively with the final "." included.
_ABBREVIATIONS = {
    "Dr.": "Doctor", "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Prof.": "Professor",
    "Jr.": "Junior", "Sr.": "Senior", "Mt.": "Mount", "vs.": "versus", "vs": "versus",
    "e.g.": "for example", "e.g.,": "for example,", "i.e.": "that is", "i.e.,": "that is,",
    "etc.": "et cetera", "etc": "et cetera", "approx.": "approximately", "cf.": "compare",
    "U.S.": "U S", "U.S.A.": "U S A", "U.K.": "U K", "a.m.": "a m", "p.m.": "p m",
    "am": "a m", "pm": "p m", "AM": "a m", "PM": "p m", "No.": "number", "Ave.": "Avenue",
    "Rd.": "Road", "Blvd.": "Boulevard", "Inc.": "Incorporated", "Ltd.": "Limited", "Co.": "Company",
    "Dept.": "Department", "Fig.": "Figure", "min.": "minutes", "hr.": "hour", "hrs.": "hours",
}
#: Words that end a sentence only rarely (the splitter keeps the next word with them).
NO_SPLIT_ABBREVIATIONS = frozenset(
    k.rstrip(".").lower()
    for k in ("Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Jr.", "Sr.", "Mt.", "St.", "vs.", "e.g.", "i.e.", "cf.", "approx.", "No.",
              "Fig.", "Ave.", "Rd.", "Blvd.", "Dept.")
) | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_MONTHS = {
    "Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "May": "May", "Jun": "June",
    "Jul": "July", "Aug": "August", "Sep": "September", "Sept": "September", "Oct": "October",
    "Nov": "November", "Dec": "December",
}
_MONTH_NAMES = set(_MONTHS.values())
_DAYS = {"Mon": "Monday", "Tue": "Tuesday", "Tues": "Tuesday", "Wed": "Wednesday", "Thu": "Thursday",
         "Thur": "Thursday", "Thurs": "Thursday", "Fri": "Friday", "Sat": "Saturday", "Sun": "Sunday"}
_FRACTIONS = {
    "½": ("one half", "a half"), "⅓": ("one third", "a third"), "⅔": ("two thirds", "two thirds"),
    "¼": ("one quarter", "a quarter"), "¾": ("three quarters", "three quarters"), "⅛": ("one eighth", "an eighth"),
    "1/2": ("one half", "a half"), "1/3": ("one third", "a third"), "2/3": ("two thirds", "two thirds"),
    "1/4": ("one quarter", "a quarter"), "3/4": ("three quarters", "three quarters"),
}
_YEAR_BEFORE = {"in", "since", "by", "until", "from", "of", "year", "circa", "to", "through", "before", "after"}
_TLDS = {"com", "org", "net", "io", "dev", "edu", "gov", "co", "uk", "ai", "app", "info", "me", "us", "de", "fr", "eu", "tv", "ly"}

_NUM = r"\d{1,3}(?:,\d{3})+|\d+"
_RE_NUMBER = re.compile(rf"^([-−+]?)({_NUM})(?:\.(\d+))?$")
_RE_MONEY = re.compile(rf"^([-−]?)([$€£¥₹])({_NUM})(?:\.(\d+))?(k|K|m|M|bn|b|B)?$")
_RE_MONEY_RANGE = re.compile(rf"^([$€£¥₹])({_NUM})(?:\.(\d+))?[-–]([$€£¥₹]?)({_NUM})(?:\.(\d+))?(k|K|m|M|bn|b|B)?$")
_RE_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$", re.IGNORECASE)
_RE_RANGE = re.compile(rf"^({_NUM})(?:\.(\d+))?[-–]({_NUM})(?:\.(\d+))?(.*)$")
_RE_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)
_RE_CLOCK_GLUED = re.compile(r"^(1[0-2]|0?[1-9])(am|pm|a\.m\.|p\.m\.)$", re.IGNORECASE)
_RE_VERSION = re.compile(r"^(v)?(\d+(?:\.\d+){2,})$|^(v)(\d+(?:\.\d+)?)$")
_RE_HASH_NUMBER = re.compile(r"^#(\d+)$")
_RE_HASHTAG = re.compile(r"^#([A-Za-z]\w*)$")
_RE_EMAIL = re.compile(r"^([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)$")
_RE_URL = re.compile(r"^(?:(https?)://)?(www\.)?([\w-]+(?:\.[\w-]+)+)(/[^\s]*)?$", re.IGNORECASE)
_RE_NUMBER_UNIT = re.compile(rf"^([-−]?(?:{_NUM})(?:\.\d+)?)({'|'.join(re.escape(u) for u in _GLUED_UNITS)})$")
_RE_MIXED_FRACTION = re.compile(r"^(\d+)([½⅓⅔¼¾⅛])$")
_RE_DECADE = re.compile(r"^(?:(1[1-9]|20)([1-9]0)|['’]([1-9]0)|([2-9]0))s$")
_RE_THOUSANDS = re.compile(rf"^({_NUM})(?:\.(\d+))?([kK]|bn)$")
_RE_PHONE = re.compile(r"^(?:\+?1[-.])?(?:\(?(\d{3})\)?[-.])?(\d{3})[-.](\d{4})$")
_RE_OUT_OF = re.compile(r"^(\d+(?:\.\d+)?)/(\d+)$")
_RE_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_MONTH_LIST = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
_TENS_PLURAL = {"2": "twenties", "3": "thirties", "4": "forties", "5": "fifties", "6": "sixties", "7": "seventies",
                "8": "eighties", "9": "nineties", "1": "tens"}


_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_GROUPS = ("", "thousand", "million", "billion", "trillion", "quadrillion")
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    elif rest:
        words.append(_ONES[rest])
    return " ".join(words)


@functools.lru_cache(maxsize=4096)
def cardinal(number: int | str) -> str:
    """``1299`` -> "one thousand two hundred ninety-nine" (American: no "and", no commas).

    Written here rather than taken from `inflect`, whose import costs over a
    second of CPU (its type checks), paid by every command that reads a script.
    """
    n = int(str(number).replace(",", ""))
    if n < 0:
        return f"minus {cardinal(-n)}"
    if n == 0:
        return "zero"
    if n >= 1000 ** len(_GROUPS):
        return " ".join(cardinal(d) for d in str(n))  # beyond quadrillions: digit by digit
    parts = []
    for k in range(len(_GROUPS) - 1, -1, -1):
        group, n = divmod(n, 1000**k)
        if group:
            parts.append(_below_thousand(group) + (f" {_GROUPS[k]}" if k else ""))
    return " ".join(parts)


def ordinal(number: int | str) -> str:
    """``5`` -> "fifth", ``21`` -> "twenty-first", ``100`` -> "one hundredth"."""
    words = cardinal(number)
    head, sep, last = words.rpartition("-") if "-" in words.split()[-1] else words.rpartition(" ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}{sep}{last}"


def digits(text: str) -> str:
    """``"05"`` -> "zero five": each digit on its own (after a decimal point)."""
    return " ".join(cardinal(d) for d in text)


def year(number: int) -> str:
    """``2024`` -> "twenty twenty-four", ``2005`` -> "two thousand five", ``1900`` -> "nineteen hundred"."""
    if 2000 <= number <= 2009 or number % 1000 == 0:
        return cardinal(number)
    high, low = divmod(number, 100)
    if low == 0:
        return f"{cardinal(high)} hundred"
    return f"{cardinal(high)} {'oh ' + cardinal(low) if low < 10 else cardinal(low)}"


def decimal(whole: str, fraction: str | None) -> str:
    """``("1", "3")`` -> "one point three"."""
    spoken = cardinal(whole)
    return f"{spoken} point {digits(fraction)}" if fraction else spoken


def _plural(whole: str, fraction: str | None) -> bool:
    return not (whole.replace(",", "") == "1" and not fraction)


def _split_punct(word: str) -> tuple[str, str, str]:
    """(leading openers, core, trailing punctuation) of a displayed word."""
    core = word.lstrip(_LEAD)
    lead = word[: len(word) - len(core)]
    body = core.rstrip(_TRAIL)
    return lead, body, core[len(body):]


class EnglishReading(Reading):
    lang = "en"

    def read_words(self, words: Sequence[str]) -> list[str]:
        parts = [_split_punct(w) for w in words]
        cores = [p[1] for p in parts]
        out: list[str] = []
        carry = ""  # words a reading moves after the next word ("$3 million" -> "three million dollars")
        for i, ((lead, core, trail), word) in enumerate(zip(parts, words)):
            prev = cores[i - 1] if i else ""
            nxt = cores[i + 1] if i + 1 < len(cores) else ""
            # An abbreviation's own full stop is not punctuation: "Dr." keeps it, "etc." ends on it.
            if core + trail[:1] in _ABBREVIATIONS or ((core in _MONTHS or core in _DAYS) and trail[:1] == "."):
                if not (i + 1 == len(parts) and trail == "."):
                    core, trail = core + trail[:1], trail[1:]
            elif core in ("St", "U.S", "U.K", "a.m", "p.m", "e.g", "i.e") and trail[:1] == ".":
                core, trail = core + ".", trail[1:]
            spoken, moved = self.read(core, prev, nxt, i + 1 == len(parts))
            if i + 1 == len(parts) and word.rstrip(_CLOSING).endswith(".") and not (trail or spoken).endswith((".", "!", "?")):
                trail += "."  # "Main St." ends the sentence: "Main Street."
            if carry:
                spoken, carry = f"{spoken} {carry}".strip(), ""
            carry = moved
            out.append(f"{lead}{spoken}{trail}" if spoken else trail.strip(",;:"))
        if carry and out:
            out[-1] = f"{out[-1]} {carry}"
        return out

    def read(self, core: str, prev: str, nxt: str, last: bool) -> tuple[str, str]:
        """The reading of one word (its punctuation taken off), and words to say after the next one."""
        if not core:
            return "", ""
        for rule in (self.money, self.clock, self.ordinal_word, self.hash_number, self.decade, self.thousands,
                     self.percent_or_unit, self.fraction, self.date, self.phone, self.version, self.range, self.number,
                     self.email, self.url, self.abbreviation, self.month_or_day):
            found = rule(core, prev, nxt)
            if found is not None:
                return found if isinstance(found, tuple) else (found, "")
        if core.startswith("#") and _RE_HASHTAG.match(core):
            return core[1:], ""
        return core, ""

    # -- rules: each returns a reading (or (reading, carried words)), or None when it does not apply

    def money(self, core, prev, nxt):
        m = _RE_MONEY.match(core)
        if m:
            sign, symbol, whole, cents, scale = m.groups()
            one, many, cent, cents_word = _CURRENCIES[symbol]
            minus = "minus " if sign else ""
            if scale or nxt in _SCALE_WORDS:
                amount = decimal(whole, cents) + (f" {_SCALES[scale]}" if scale else "")
                return (f"{minus}{amount} {many}", "") if scale else (f"{minus}{amount}", many)
            money = f"{cardinal(whole)} {many if _plural(whole, None) else one}"
            if cents and cent and len(cents) <= 2 and int(cents.ljust(2, "0")):
                c = int(cents.ljust(2, "0"))
                small = f"{cardinal(c)} {cents_word if c != 1 else cent}"
                money = small if whole.strip("0,") == "" else f"{money} and {small}"  # "$0.99": ninety-nine cents
            elif cents and int(cents):
                money = f"{decimal(whole, cents)} {many}"
            return minus + money
        m = _RE_MONEY_RANGE.match(core)
        if m:
            symbol, a, af, _, b, bf, scale = m.groups()
            scale_word = f" {_SCALES[scale]}" if scale else ""
            return f"{decimal(a, af)} to {decimal(b, bf)}{scale_word} {_CURRENCIES[symbol][1]}"
        return None

    def clock(self, core, prev, nxt):
        m = _RE_CLOCK.match(core)
        if m:
            hour, minute, suffix = int(m.group(1)), int(m.group(2)), m.group(3)
            ampm = suffix or (nxt if nxt.lower().rstrip(".") in ("am", "pm", "a.m", "p.m") else "")
            if minute == 0:
                spoken = cardinal(hour) if ampm else (f"{cardinal(hour)} hundred" if hour > 12 or hour == 0 else f"{cardinal(hour)} o'clock")
            else:
                spoken = f"{cardinal(hour)} {'oh ' + cardinal(minute) if minute < 10 else cardinal(minute)}"
            if suffix:
                spoken += " " + ("a m" if suffix.lower().startswith("a") else "p m")
            return spoken
        m = _RE_CLOCK_GLUED.match(core)
        if m:
            return f"{cardinal(m.group(1))} {'a m' if m.group(2).lower().startswith('a') else 'p m'}"
        return None

    def ordinal_word(self, core, prev, nxt):
        m = _RE_ORDINAL.match(core)
        return ordinal(m.group(1)) if m else None

    def hash_number(self, core, prev, nxt):
        m = _RE_HASH_NUMBER.match(core)
        return f"number {cardinal(m.group(1))}" if m else None

    def percent_or_unit(self, core, prev, nxt):
        m = _RE_NUMBER_UNIT.match(core)
        if m:
            number, unit = m.groups()
            return f"{self._number(number)} {self._unit(unit, number)}"
        if core in _UNITS and _RE_NUMBER.match(prev.rstrip(_TRAIL)):
            return self._unit(core, prev)
        return None

    def decade(self, core, prev, nxt):
        m = _RE_DECADE.match(core)
        if not m:
            return None
        century, tens, short, bare = m.groups()
        plural = _TENS_PLURAL[(tens or short or bare)[0]]
        return f"{cardinal(century)} {plural}" if century else plural  # "1990s", "'90s", "20s"

    def thousands(self, core, prev, nxt):
        m = _RE_THOUSANDS.match(core)
        return f"{decimal(m.group(1), m.group(2))} {_SCALES[m.group(3)]}" if m else None  # "10k" steps

    def date(self, core, prev, nxt):
        m = _RE_DATE.match(core)
        if not m:
            return None
        a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
        month, day = (a, b) if a <= 12 else (b, a)  # month first, as in the U.S., unless it cannot be
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        full = int(y) if len(y) == 4 else 2000 + int(y)
        return f"{_MONTH_LIST[month - 1]} {ordinal(day)}, {year(full)}"

    def phone(self, core, prev, nxt):
        m = _RE_PHONE.match(core)
        if not m or (m.group(1) is None and not core[3:4] == "-"):
            return None
        return ", ".join(digits(g) for g in m.groups() if g)

    def fraction(self, core, prev, nxt):
        if core in _FRACTIONS:
            return _FRACTIONS[core][0]
        m = _RE_MIXED_FRACTION.match(core)
        if m:
            return f"{cardinal(m.group(1))} and {_FRACTIONS[m.group(2)][1]}"
        if core == "24/7":
            return "twenty-four seven"
        m = _RE_OUT_OF.match(core)
        if m:  # "9/10", "4.5/5": a score
            whole, _, fraction = m.group(1).partition(".")
            return f"{decimal(whole, fraction or None)} out of {cardinal(m.group(2))}"
        return None

    def version(self, core, prev, nxt):
        m = _RE_VERSION.match(core)
        if not m:
            return None
        prefix = "version " if (m.group(1) or m.group(3)) and prev.lower() != "version" else ""
        parts = (m.group(2) or m.group(4)).split(".")
        return prefix + " point ".join("oh" if p == "0" else cardinal(p) for p in parts)

    def range(self, core, prev, nxt):
        m = _RE_RANGE.match(core)
        if not m:
            return None
        a, af, b, bf, rest = m.groups()
        if rest and rest not in _UNITS:
            return None
        if len(a) == 4 and len(b) in (2, 4) and 1100 <= int(a) <= 2099 and not af and not bf:  # 2020-2024, 1990-95
            first = int(a)
            second = int(b) if len(b) == 4 else first // 100 * 100 + int(b)
            return f"{year(first)} to {year(second)}"
        spoken = f"{decimal(a, af)} to {decimal(b, bf)}"
        return f"{spoken} {self._unit(rest, b)}" if rest else spoken

    def number(self, core, prev, nxt):
        m = _RE_NUMBER.match(core)
        if not m:
            return None
        sign, whole, fraction = m.groups()
        plain = whole.replace(",", "")
        if not fraction and "," not in whole and len(plain) == 4 and 1100 <= int(plain) <= 2099 and (
            prev.lower() in _YEAR_BEFORE or prev.rstrip(",") in _MONTH_NAMES or prev in _MONTHS or prev.rstrip(".") in _MONTHS
            or _RE_ORDINAL.match(prev.rstrip(",")) or (prev.rstrip(",").isdigit() and len(prev.rstrip(",")) <= 2)
        ):
            return year(int(plain))
        if (prev in _MONTH_NAMES or prev.rstrip(".") in _MONTHS) and not fraction and 1 <= int(plain) <= 31:
            return ordinal(plain)  # "Jan. 5" -> "January fifth"
        spoken = decimal(whole, fraction)
        return ("minus " if sign in "-−" and sign else "") + spoken

    def email(self, core, prev, nxt):
        m = _RE_EMAIL.match(core)
        return f"{_say_name(m.group(1))} at {_say_name(m.group(2))}" if m else None

    def url(self, core, prev, nxt):
        m = _RE_URL.match(core)
        if not m:
            return None
        scheme, www, host, path = m.groups()
        if not (scheme or www or host.rsplit(".", 1)[-1].lower() in _TLDS):
            return None
        spoken = ("w w w dot " if www and not scheme else "") + _say_name(host)
        path = (path or "").rstrip("/")
        if path:
            spoken += " slash " + " slash ".join(_say_name(p) for p in path.strip("/").split("/") if p)
        return spoken

    def abbreviation(self, core, prev, nxt):
        if core.lower() in ("etc", "etc."):
            return "et cetera"
        if core in ("a.m", "p.m", "U.S", "U.K", "e.g", "i.e"):  # at a sentence's end its last stop ends the sentence
            core += "."
        if core in _ABBREVIATIONS:
            if core in ("am", "pm", "AM", "PM", "a.m.", "p.m.") and not (_RE_NUMBER.match(prev) or _RE_CLOCK.match(prev)):
                return None if core in ("am", "AM", "pm", "PM") else _ABBREVIATIONS[core]
            if core == "No." and not nxt[:1].isdigit():
                return None
            return _ABBREVIATIONS[core]
        if core == "St.":
            return "Saint" if nxt[:1].isupper() else "Street"
        return None

    def month_or_day(self, core, prev, nxt):
        name = core.rstrip(".")
        if core.endswith(".") and name in _MONTHS:
            return _MONTHS[name]
        if core.endswith(".") and name in _DAYS:
            return _DAYS[name]
        if name in ("Jan", "Feb", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec") and nxt[:1].isdigit():
            return _MONTHS[name]
        return None

    # -- helpers

    def _number(self, text: str) -> str:
        m = _RE_NUMBER.match(text.replace("−", "-"))
        if not m:
            return text
        sign, whole, fraction = m.groups()
        return ("minus " if sign == "-" else "") + decimal(whole, fraction)

    def _unit(self, unit: str, number: str) -> str:
        m = _RE_NUMBER.match(number.rstrip(_TRAIL).replace("−", "-"))
        one, many = _UNITS[unit]
        single = bool(m) and m.group(2).replace(",", "") == "1" and not m.group(3)
        return one if single else many


def _say_name(text: str) -> str:
    """``example.com`` -> "example dot com", ``my-site_2`` -> "my dash site underscore two"."""
    out = []
    for piece in re.split(r"([.\-_+@?=&#%])", text):
        if not piece:
            continue
        named = {".": "dot", "-": "dash", "_": "underscore", "+": "plus", "@": "at", "?": "question mark",
                 "=": "equals", "&": "and", "#": "hash", "%": "percent"}.get(piece)
        out.append(named or (cardinal(piece) if piece.isdigit() and len(piece) < 5 else piece))
    return " ".join(out)


#: One reading per language code; add a language by subclassing :class:`Reading`.
READINGS: dict[str, Reading] = {"en": EnglishReading()}


def reading_for(lang: str | None) -> Reading:
    """The rules for ``lang`` (``en``, ``en-US``...); :class:`Reading` (none) for a language without them."""
    base = (lang or "en").split("-")[0].split("_")[0].lower()
    return READINGS.get(base, Reading())


def read_words(words: Sequence[str], lang: str | None = "en") -> list[str]:
    """One spoken string per displayed word (``""`` for a word with nothing to say)."""
    return reading_for(lang).read_words(words)


def read_aloud(text: str, lang: str | None = "en") -> str:
    """What a narrator says for ``text`` (words as displayed, read by the rules of ``lang``)."""
    return " ".join(w for w in read_words(text.split(), lang) if w)


def guess_language(text: str) -> str | None:
    """"en" when ``text`` reads as English (its common words), else None (no reading rules are applied)."""
    words = re.findall(r"[A-Za-z]+|[^\W\d_]+", text.lower())
    if not words:
        return None
    hits = sum(w in _ENGLISH_HINTS for w in words)
    return "en" if hits >= max(1, 0.08 * len(words)) or (len(words) < 6 and all(w.isascii() for w in words)) else None


__all__ = [
    "NO_SPLIT_ABBREVIATIONS", "READINGS", "EnglishReading", "Reading", "cardinal", "guess_language", "ordinal", "read_aloud",
    "read_words", "reading_for", "year",
]
