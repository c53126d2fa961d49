"""Automated quality review of call transcripts (智能质检), pure code.

- :mod:`.types` the transcript, the call's recorded facts, findings and the review;
- :mod:`.spoken` amounts and dates said aloud in Chinese and English;
- :mod:`.rules` the rule data (``resources/quality/rules.yaml``): phrases, weights;
- :mod:`.engine` :func:`review`, the rule engine.
"""
