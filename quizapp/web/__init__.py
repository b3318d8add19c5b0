"""The Flask adapter: the app factory, blueprints per audience, forms and error pages.

Views stay short: build the form, call one service, render or redirect. Services do the work;
errors become responses in :mod:`quizapp.web.errors`.
"""
