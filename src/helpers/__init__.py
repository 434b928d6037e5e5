"""Helpers for the book 'Putin and NATO': load and check the data, compute, and chart.

from helpers.data import load_members
from helpers.compute import enlargement_waves
from helpers.plots import use_book_style, show_figure
"""
