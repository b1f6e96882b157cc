"""Clusters ("problems"): complaints from many citizens about one problem at one place, worked once."""
