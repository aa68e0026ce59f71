"""The official layout of a union's document, as a library that builds .docx templates.

Decree 30/2020/NĐ-CP (Appendix I) as applied to unions by Decision 933/QĐ-TLĐ,
rule by rule in `docs/the-thuc.md`: the page (`page`), the paragraphs and the
Jinja tags a template is made of (`paragraphs`), the frame every document shares
— header, title, addressees, closing, appendices (`frame`) — and the template of
any guideline pack, its body walked from the pack's outline (`pack`). The
built-in Ninh Bình template (`tools/build_template.py`) is made of the same parts.

This builds templates (bytes); filling them is `render.docx`'s.
"""
