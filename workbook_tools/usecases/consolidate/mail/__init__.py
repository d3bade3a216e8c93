"""Saved emails as consolidation's inputs: returns reach the corporate team as attachments.

* :mod:`.message`: a saved ``.eml`` or ``.mbox`` → a :class:`~.message.Mail` tree (sender,
  subject, date, attachments, forwarded messages), under limits of its own.
* :mod:`.outlook_msg`: an Outlook ``.msg`` file → the same tree (MS-OXMSG, read with olefile).
* :mod:`.unpack`: the worker job that opens one saved email and writes each attached workbook
  into the run's private temporary folder, with a Sources row for everything else.
"""
