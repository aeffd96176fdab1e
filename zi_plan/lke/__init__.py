"""The LKE Zona Integritas: the evaluators' worksheet, and how a plan and its journal stand against it.

``worksheet`` loads the bundled worksheet data (texts, weights, scoring rules,
thresholds); ``coverage`` reads the plan's ``lke:`` codes against it;
``answers`` keeps the self-assessment in the journal; ``score`` applies the
official formula; ``suggest`` reads answers off the progress; ``sheet`` writes
the answer sheet for the evaluators. Nothing here is imported at start-up:
the commands import it when they run.
"""
