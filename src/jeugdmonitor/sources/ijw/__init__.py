"""iJw messages (Jeugdwet berichtenverkeer) as a source: JW301–JW325 of releases 3.0, 3.1 and 3.2.

Unlike the table readers of :mod:`jeugdmonitor.sources`, which turn one file into one table, the messages
of a delivery folder together give the tables ``jeugdigen``, ``jeugdhulp`` and ``kosten``; the staging asks
for them through :func:`jeugdmonitor.sources.ijw.levering.stage_messages`. One module per concern:

- ``openen``: files, folders, zip archives, SOAP envelopes -> bytes per message (``ziplezen``: plain zip
  archives read without zipfile's overhead);
- ``bericht``: parsing (lxml), release and message type from the namespace, the header;
- ``structuur``: the own structural checks (``data/paden.csv``), which also read the content;
- ``vorm``: the same checks by the shape of a message's markup, for shapes seen before (faster);
- ``xsd``: validation against the XSDs of a configured folder;
- ``werk``: reading in batches, in worker processes for large deliveries;
- ``feiten``: content -> fact rows (BSN pseudonymised here);
- ``naar_tabellen``: facts of all messages loaded -> the store tables, with the mapping documented;
- ``levering``: the whole, quarantine and duplicates, and writing the facts with the delivery.
"""
