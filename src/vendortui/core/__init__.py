"""The rules: models of the files, money, scoring, ranking, analysis.

Nothing here reads or writes files, or imports Rich, Textual or any other layer of the
package; a test checks it, so the rules can be tested without a terminal or a disk.
"""
