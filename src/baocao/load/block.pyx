# cython: language_level=3
"""Reading the block-style YAML that reports are written in: compiled, without a YAML library.

A report is `tên: nội dung` lines, `- ` lists, text after `|` or `>`, plain or quoted
text over several lines and comments. libyaml reads that through an event, a node and
two marks per value, each a Python object; this reader walks the characters once, in C
(Cython), and makes only the values and their marks. It knows only that part of YAML
and declines (None) anything else — `[ ]`, anchors, tags, escapes, tabs, keys that are
no plain names, duplicate keys, every error — which the full loader (`full`) then
reads, so that nothing this reader returns can differ from what libyaml reads: tests
compare the two on every example, generated report and thousands of random documents
and edits of them.

Every read of a character goes through `_Reader.at`, which answers 0 past the end:
the text holds no NUL (`read` declines one), so 0 is the end and nothing is read
outside the text.
"""

import re

cimport cython
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND, PyUnicode_READ

from baocao.load.plain import BOOLS, MAX_DEPTH, MAX_DIGITS, NULLS

cdef Py_ssize_t MAX_KEY = 200
"""libyaml refuses keys longer than 1024 characters; a name is far shorter."""

# Only `{ }` groups, which few reports hold, are still matched by regular expressions.
_FLOW = re.compile(r"\{([^][{}'\"#]*)\}(?: +#[^\n]*| *)(?=\n|\Z)")
"""A `{ }` group without quotes, brackets or comments inside, on one line or more."""

_FLOW_ENTRY = re.compile(r"[ \n]*(\w[\w.-]{0,199}): +([^ \n][^,]*?)[ \n]*")
"""`tên: nội dung` between the commas of a `{ }` group."""


class _Declined(Exception):
    """The text goes beyond what this reader knows."""


def read(str text):
    """`text` as data with where each key and value starts, or None if it is more than
    block-style YAML (or wrong): then the full loader reads it.

    `text` is as `marked` decodes it, in NFC. Each value is a part of it, or parts joined by
    spaces and line breaks, so in NFC too (a part of a text in NFC is, and a space or a line
    break composes with nothing).
    """
    if _outside(text):
        return None
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    cdef _Reader reader = _Reader(text)
    try:
        return reader.document(), reader.keys, reader.values
    except _Declined:
        return None


cdef bint _outside(str text) noexcept:
    """Whether `text` holds a character this reader leaves to others: a control character
    but the line breaks (tabs, which YAML refuses in indentation; those `marked` removes,
    with a warning, before the text is read again: C0, DEL, C1), the line breaks only YAML
    1.1 counts (NEL, LS, PS), a byte-order mark past the start, U+FFFE and U+FFFF."""
    cdef Py_ssize_t i
    cdef unsigned int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    for i in range(PyUnicode_GET_LENGTH(text)):
        c = PyUnicode_READ(kind, data, i)
        if c < 0x20:
            if c != 0x0A and c != 0x0D:
                return True
        elif 0x7F <= c <= 0x9F or c == 0x2028 or c == 0x2029 or c >= 0xFEFF and (
            c == 0xFEFF or c == 0xFFFE or c == 0xFFFF
        ):
            return True
    return False


cdef inline bint _word(Py_UCS4 c) noexcept:
    """`\\w` of Python's regular expressions: a letter or digit of any script, or `_`."""
    return c == u"_" or c.isalnum()


cdef inline bint _not_plain_start(Py_UCS4 c) noexcept:
    """A character that makes a value more than plain text when it starts with it."""
    return c in u"[]{},#&*!|>'\"%@`?:-"


@cython.final
cdef class _Reader:
    """One pass over the text: `pos` is the start of the next line to read, `line` its number."""

    cdef str text
    cdef Py_ssize_t n, pos, line, colon, pos_after
    cdef unsigned int kind
    cdef void* data
    cdef dict keys, values

    def __cinit__(self, str text):
        self.text = text
        self.n = PyUnicode_GET_LENGTH(text)
        self.kind = PyUnicode_KIND(text)
        self.data = PyUnicode_DATA(text)
        self.keys = {}
        self.values = {}

    cdef inline Py_UCS4 at(self, Py_ssize_t i) noexcept:
        return PyUnicode_READ(self.kind, self.data, i) if 0 <= i < self.n else 0

    cdef dict document(self):
        cdef Py_ssize_t indent = self.next_indent()
        if indent < 0 or self.key_at(self.pos + indent) < 0:
            raise _Declined  # empty, or no mapping: the full loader says what it is
        data = self.mapping(indent, ())
        if self.next_indent() >= 0:
            raise _Declined  # a line that belongs to no entry
        return data

    # --- the characters ------------------------------------------------------------------

    cdef Py_ssize_t eol(self, Py_ssize_t i) noexcept:
        """The line break at or after `i`, or the end of the text."""
        while i < self.n and self.at(i) != u"\n":
            i += 1
        return i

    cdef Py_ssize_t spaces(self, Py_ssize_t i) noexcept:
        """Past the spaces at `i`."""
        while self.at(i) == u" ":
            i += 1
        return i

    cdef Py_ssize_t gap(self, Py_ssize_t i) noexcept:
        """Past blank and comment lines from the line start `i`, up to the next line with
        content or the end."""
        cdef Py_ssize_t j
        while True:
            j = self.spaces(i)
            if self.at(j) == u"#":
                j = self.eol(j)
            if j >= self.n:
                return j
            if self.at(j) != u"\n":
                return i
            i = j + 1

    cdef Py_ssize_t key_at(self, Py_ssize_t i) noexcept:
        """`tên:` at `i`, then spaces, or the end of its line: the end of that, or -1. The
        key's name ends at `self.colon`."""
        if not _word(self.at(i)):
            return -1
        cdef Py_ssize_t j = i + 1
        cdef Py_UCS4 c = self.at(j)
        while _word(c) or c == u"." or c == u"-":
            j += 1
            c = self.at(j)
        if c != u":" or j - i > MAX_KEY:
            return -1
        self.colon = j
        return self.after_mark(j + 1)

    cdef Py_ssize_t item_at(self, Py_ssize_t i) noexcept:
        """`-` at `i`, then spaces, or the end of its line: the end of that, or -1."""
        return self.after_mark(i + 1) if self.at(i) == u"-" else -1

    cdef Py_ssize_t after_mark(self, Py_ssize_t i) noexcept:
        """What may follow `:` or `-` at `i`: one space or more, or the end of the line."""
        if self.at(i) == u" ":
            return self.spaces(i)
        return i if i >= self.n or self.at(i) == u"\n" else -1

    cdef Py_ssize_t indented(self, Py_ssize_t i, Py_ssize_t indent) noexcept:
        """Whether the line at `i` (past blank and comment lines) starts with `indent`
        spaces: where its content starts, or -1."""
        i = self.gap(i)
        cdef Py_ssize_t k
        for k in range(i, i + indent):
            if self.at(k) != u" ":
                return -1
        return i + indent

    cdef Py_ssize_t tail(self, Py_ssize_t i) noexcept:
        """A comment after a space, or spaces, to the end of the line at `i`: where the
        line ends, or -1 if something else is there."""
        cdef Py_ssize_t j = self.spaces(i)
        if j > i and self.at(j) == u"#":
            j = self.eol(j)
        return j if j >= self.n or self.at(j) == u"\n" else -1

    cdef bint deeper_than(self, Py_ssize_t start, Py_ssize_t end, Py_ssize_t indent) noexcept:
        """Whether a line between `start` and `end` starts with text no deeper than `indent`
        (YAML wants the lines of quoted text or a `{ }` group deeper than their block)."""
        cdef Py_ssize_t i, j
        for i in range(start, end):
            if self.at(i) == u"\n":
                j = i + 1
                while j < end and self.at(j) == u" ":
                    j += 1
                if j - i - 1 <= indent and j < end and self.at(j) != u"\n":
                    return True
        return False

    cdef void move(self, Py_ssize_t to) noexcept:
        cdef Py_ssize_t i
        for i in range(self.pos, to):
            if self.at(i) == u"\n":
                self.line += 1
        self.pos = to

    cdef Py_ssize_t next_indent(self) noexcept:
        """Skip blank and comment lines; the indentation of the next line, -1 at the end."""
        self.move(self.gap(self.pos))
        if self.pos >= self.n:
            return -1
        return self.spaces(self.pos) - self.pos

    cdef void past(self, Py_ssize_t end) noexcept:
        """Move past the line break at `end` (or to the end of the text), from the line
        that holds it."""
        if end < self.n:
            self.pos = end + 1
            self.line += 1
        else:
            self.pos = end

    # --- the blocks ----------------------------------------------------------------------

    cdef dict mapping(self, Py_ssize_t indent, tuple path):
        if len(path) >= MAX_DEPTH:  # its entries would be deeper than the bound
            raise _Declined
        self.values[path] = (self.line, indent)
        cdef dict result = {}
        # The first key may follow a `- ` on its line; each next one starts its own line.
        cdef Py_ssize_t start = self.pos + indent
        cdef Py_ssize_t end = self.key_at(start)
        while end >= 0:
            key = self.text[start : self.colon]
            if key in result:
                raise _Declined  # the full loader's message places both
            if start - indent != self.pos:  # blank or comment lines before it
                self.move(start - indent)
            child = path + (key,)
            self.keys[child] = (self.line, indent)
            result[key] = self.value(end, indent, child, True)
            start = self.indented(self.pos, indent)
            end = self.key_at(start) if start >= 0 else -1
        return result

    cdef list sequence(self, Py_ssize_t indent, tuple path):
        if len(path) >= MAX_DEPTH:
            raise _Declined
        self.values[path] = (self.line, indent)
        cdef list items = []
        cdef Py_ssize_t dash = self.indented(self.pos, indent)
        cdef Py_ssize_t start = self.item_at(dash) if dash >= 0 else -1
        while start >= 0:
            if dash - indent != self.pos:
                self.move(dash - indent)
            child = path + (len(items),)
            if self.key_at(start) >= 0:  # `- tên: …` opens a mapping in the list
                items.append(self.mapping(start - self.pos, child))
            else:
                items.append(self.value(start, indent, child, False))
            dash = self.indented(self.pos, indent)
            start = self.item_at(dash) if dash >= 0 else -1
        return items

    cdef object value(self, Py_ssize_t start, Py_ssize_t indent, tuple path, bint in_mapping):
        """The value that starts at `start` in a block at `indent`; moves past it."""
        cdef Py_UCS4 first = self.at(start)
        if first == 0 or first == u"\n" or first == u"#":
            return self.below(start, indent, path, in_mapping)
        self.values[path] = (self.line, start - self.pos)
        if first == u"|" or first == u">":
            return self.block_text(start, indent)
        if first == u"'" or first == u'"':
            return self.quoted(start, indent)
        if first == u"{":
            return self.flow_mapping(start, indent, path)
        if _not_plain_start(first):
            after = self.at(start + 1)
            if first != u"-" or after == 0 or after == u" " or after == u"\n":
                raise _Declined
        return self.plain(start, indent)

    cdef object below(self, Py_ssize_t start, Py_ssize_t indent, tuple path, bint in_mapping):
        """Nothing after the `:` or `-`: the value is the block under it, or empty."""
        # libyaml places an empty value just after its `:` or `-`.
        cdef Py_UCS4 sign = u":" if in_mapping else u"-"
        cdef Py_ssize_t mark = start - 1
        while mark >= 0 and self.at(mark) != sign:
            mark -= 1
        spot = (self.line, mark + 1 - self.pos)
        self.past(self.eol(start))
        cdef Py_ssize_t below = self.next_indent()
        if below >= 0 and (below > indent or (below == indent and in_mapping)):
            if self.item_at(self.pos + below) >= 0:
                return self.sequence(below, path)
            if below > indent:
                if self.key_at(self.pos + below) >= 0:
                    return self.mapping(below, path)
                raise _Declined  # text on the line below its key
        self.values[path] = spot
        return None

    # --- the values ----------------------------------------------------------------------

    cdef object plain(self, Py_ssize_t start, Py_ssize_t indent):
        """Plain text, folded over the lines deeper than its block (and not comments)."""
        cdef Py_ssize_t end = self.eol(start)
        first = self.text[start:end]
        cut = first.find(" #")
        cdef list lines = self.plain_lines(end, indent)
        if cut >= 0:
            if lines:
                raise _Declined  # lines after a comment: YAML fails there
            first = first[:cut]
        first = first.rstrip(" ")
        if not _plain_text(first):
            raise _Declined  # YAML reads a key there, or fails
        if not lines:
            self.past(end)
            return _resolve(first)
        self.line += len(lines)
        self.past(self.pos_after)
        lines.insert(0, first)
        return _resolve(_fold(lines))

    cdef list plain_lines(self, Py_ssize_t end, Py_ssize_t indent):
        """The lines that go on with plain text from the line break at `end`: deeper than
        its block, not a comment, or blank between two such. Each trimmed, blank ones as
        ""; where the last ends is `self.pos_after`."""
        cdef list lines = []
        cdef Py_ssize_t blank, j, k
        while end < self.n:
            blank = 0
            j = end + 1
            k = self.spaces(j)
            while k < self.n and self.at(k) == u"\n":
                blank += 1
                j = k + 1
                k = self.spaces(j)
            if k - j <= indent or k >= self.n or self.at(k) == u"#":
                break
            end = self.eol(k)
            line = self.text[k:end]
            if not _plain_text(line):
                raise _Declined  # YAML reads a key there, or a comment
            lines.extend([""] * blank)
            lines.append(line.rstrip(" "))
            self.pos_after = end
        return lines

    cdef dict flow_mapping(self, Py_ssize_t start, Py_ssize_t indent, tuple path):
        """`{tên: nội dung, …}` with plain text only, as the guides show it for small groups."""
        found = _FLOW.match(self.text, start)
        if found is None or self.deeper_than(start, found.end(), indent):
            raise _Declined  # quotes, brackets or comments inside, or lines not deep enough
        cdef dict result = {}
        cdef Py_ssize_t line_start = self.pos
        cdef Py_ssize_t at = start + 1
        for piece in found.group(1).split(","):
            entry = _FLOW_ENTRY.fullmatch(piece)
            if entry is None:
                raise _Declined  # `{a: x, y}`, an empty value, a trailing comma
            key, value = entry.groups()
            if key in result or not _plain_text(value) or _not_plain_start(value[0]):
                raise _Declined
            child = path + (key,)
            self.keys[child] = self.spot(line_start, at + entry.start(1))
            self.values[child] = self.spot(line_start, at + entry.start(2))
            result[key] = _resolve(_fold([part.strip(" ") for part in value.split("\n")]))
            at += len(piece) + 1
        self.line += found.group(1).count("\n")
        self.past(found.end())
        return result

    cdef tuple spot(self, Py_ssize_t line_start, Py_ssize_t at):
        """Where `at` stands, on the current line (which starts at `line_start`) or below."""
        cdef Py_ssize_t line = self.line
        cdef Py_ssize_t start = line_start
        cdef Py_ssize_t i
        for i in range(line_start, at):
            if self.at(i) == u"\n":
                line += 1
                start = i + 1
        return line, at - start

    cdef str quoted(self, Py_ssize_t start, Py_ssize_t indent):
        """Text in '…' (`''` is one quote) or in "…" without escapes, on one line or more."""
        cdef bint single = self.at(start) == u"'"
        cdef Py_UCS4 quote = self.at(start)
        cdef Py_ssize_t close = start + 1
        cdef Py_ssize_t below
        cdef bint broken = False
        cdef Py_UCS4 c
        while True:
            c = self.at(close)
            if c == 0 or (c == u"\\" and not single):
                raise _Declined  # never closed, or an escape
            if c == quote:
                if not (single and self.at(close + 1) == u"'"):
                    break
                close += 1
            elif c == u"\n":
                broken = True
                below = self.spaces(close + 1)
                if below - close - 1 <= indent and self.at(below) != u"\n":
                    raise _Declined  # YAML wants its lines deeper than its block
            close += 1
        cdef Py_ssize_t after = self.tail(close + 1)
        if after < 0:
            raise _Declined  # `'…'x`, `'…':` (a key) or `'…'#`
        content = self.text[start + 1 : close]
        if broken:
            lines = content.split("\n")
            parts = [lines[0].rstrip(" "), *(part.strip(" ") for part in lines[1:-1])]
            content = _fold([*parts, lines[-1].lstrip(" ")])
            self.line += len(lines) - 1
        self.past(after)
        if single:
            content = content.replace("''", "'")
        return content

    cdef str block_text(self, Py_ssize_t start, Py_ssize_t indent):
        """Text after `|` (lines kept) or `>` (lines folded), as YAML 1.1 reads it."""
        cdef bint literal = self.at(start) == u"|"
        cdef Py_UCS4 chomping = self.at(start + 1)
        if chomping != u"+" and chomping != u"-":
            chomping = 0
        cdef Py_ssize_t end = self.tail(start + 1 + (chomping != 0))
        if end < 0:
            raise _Declined  # an indentation digit, or something after the header
        self.past(end)
        # The text's indentation: its first line's, or a deeper blank line's before it.
        cdef Py_ssize_t width = indent + 1
        cdef Py_ssize_t j = self.pos
        cdef Py_ssize_t k = self.spaces(j)
        while k < self.n and self.at(k) == u"\n":
            width = max(width, k - j)
            j = k + 1
            k = self.spaces(j)
        width = max(width, k - j)
        # Its lines: each indented by `width` or blank; the last one may lack its break.
        cdef Py_ssize_t body_end = self.pos
        while body_end < self.n:
            j = self.eol(body_end)
            k = self.spaces(body_end)
            if k - body_end >= width and j >= self.n:
                body_end = j
                break
            if j >= self.n or (k - body_end < width and k < j):
                break
            body_end = j + 1
        body = self.text[self.pos : body_end]
        lines = [line[width:] for line in body.split("\n")]
        broken = body.endswith("\n")  # the last line has its break
        if broken:
            lines.pop()
        blank_after = len(lines)
        while lines and lines[-1] == "":
            lines.pop()
        blank_after -= len(lines)
        if not lines:
            raise _Declined  # no text, or blank first lines deeper than it: rare, subtle
        self.move(body_end)
        value = _literal(lines) if literal else _folded(lines)
        if chomping != u"-" and (blank_after or broken):
            value += "\n"
        if chomping == u"+" and blank_after:
            value += "\n" * (blank_after - (not broken))
        return value


cdef bint _plain_text(str text):
    """Whether lines of plain text hold nothing YAML would read as a key or a comment."""
    return ": " not in text and " #" not in text and ":\n" not in text and text[-1:] != ":"


cdef str _fold(list parts):
    """Lines of plain or quoted text, trimmed, joined as YAML joins them: by a space,
    except that each blank line between the first and the last becomes a line break."""
    if "" not in parts[1:-1]:
        return " ".join(parts)
    out = [parts[0]]
    cdef Py_ssize_t blank = 0
    cdef Py_ssize_t last = len(parts) - 1
    cdef Py_ssize_t i
    for i in range(1, len(parts)):
        if not parts[i] and i < last:
            blank += 1
            continue
        out.append("\n" * blank if blank else " ")
        out.append(parts[i])
        blank = 0
    return "".join(out)


cdef str _literal(list lines):
    return "\n".join(lines)


cdef str _folded(list lines):
    """Lines joined by a space, except around blank lines and lines that start with a space;
    blank lines before the first stay line breaks."""
    cdef Py_ssize_t leading = 0
    while lines[leading] == "":
        leading += 1
    parts = ["\n" * leading, lines[leading]]
    before = lines[leading]
    cdef Py_ssize_t breaks = 0
    for line in lines[leading + 1 :]:
        if line == "":
            breaks += 1
            continue
        if before[0] == " " or line[0] == " ":
            parts.append("\n" * (breaks + 1))
        else:
            parts.append("\n" * breaks if breaks else " ")
        parts.append(line)
        before = line
        breaks = 0
    return "".join(parts)


cdef bint _integer(str text):
    """`[-+]?[0-9]+`, the whole of `text`: the only plain text read as a number."""
    cdef Py_ssize_t i = 1 if text[:1] in ("+", "-") else 0
    cdef Py_UCS4 c
    if i == len(text):
        return False
    for c in text[i:]:
        if not (u"0" <= c <= u"9"):
            return False
    return True


cdef object _resolve(str text):
    """A plain value as `full._Resolver` reads it: decimal integers, true/false, empty."""
    if len(text) <= 5:  # the longest word YAML reads as more than text
        if text in NULLS:
            return None
        if text in BOOLS:
            return BOOLS[text]
    if _integer(text):
        if len(text.lstrip("+-0")) > MAX_DIGITS:
            raise _Declined  # the full loader says the number is too long
        return int(text)
    return text
