"""corridor.deals: agreements signed at expos and forums, followed into the trade statistics.

- :mod:`.model`: the ledger's record and allowed values;
- :mod:`.ledger`: reading a ledger (CSV/XLSX) with file/line/field errors;
- :mod:`.followup`: per deal and side, flows after signing against the same span before;
- :mod:`.event`: event-level PPML difference in differences against products in no deal.
"""
