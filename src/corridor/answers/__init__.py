"""corridor.answers: one module per question a user can ask, ``(Workspace, Query) -> Result``.

The CLI, the HTTP API and the dashboard are thin adapters over these answers; see
:mod:`corridor.answers.base` for the contract.
"""
