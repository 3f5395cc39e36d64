"""Analysis of experiment stores (kept apart from running them, as in EMA Workbench).

Modules: ``compare`` (strategy comparison tables), ``figures``, ``report``, ``sensitivity``
(SALib indices). Import them directly; importing this package loads none of them, so that
``import enrolsim`` stays light (SALib and scipy load only for sensitivity analysis).
"""
