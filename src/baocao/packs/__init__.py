"""Guideline packs (gói hướng dẫn): a guideline's outline as data, its blocks as Python.

A pack is a YAML file a non-programmer writes: who issued the guideline, the
document the chair writes, and the outline, each point naming the block the
chair fills. Blocks are a closed library (`packs.blocks`); from a pack derive
the report's validation model (`packs.derive`), its blank form, its JSON Schema
and the headings of its document. The stage stands between `schema`, whose
classes the blocks reuse, and `checks`, which validates reports with the
model a pack derives.
"""
