"""The word pass: turning a proposed candidate into a question, a key and its options.

The wh-question rules follow how people write reading questions: pick the clause whose verb
governs the answer (``clause_parts``), replace the answer by a wh-phrase chosen from its entity
type, part of speech and role (``wh_choice``), front it and invert the subject or add do-support
in the verb's tense (``do_support``), or keep the order when the answer is the subject or a
passive agent (``subject_questions``). An answer inside a noun phrase, a name given by a
description, and a verb phrase, reason or given name have their own forms (``noun_phrases``,
``descriptions``, ``predicates``); ``wh_question.question_for`` picks among them. Questions are
cut to the length people write (``pruning``) and written out by ``realisation``; a teacher's
own selection has a few more shapes (``selected_span``). ``clauses`` shortens clauses into
statements and ``options`` words a question's options. The rules read one parse and never call
the pipeline again.
"""
