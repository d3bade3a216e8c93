"""workbook-tools: action-plan monitoring for English councils.

Read action plans (the template and legacy layouts), compute RAG status against deadlines with a
reason for every action, write the results back, and consolidate emailed returns.
"""

__version__ = "0.1.0"
