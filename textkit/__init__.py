"""The pure Chinese-text kit: conversion to simplified, folding, segmentation, grams, whole words.

No Django here (an import contract in pyproject.toml holds it so): the ingestion pipeline, the
formulation scanner and the search app all read text through this one package, so a text is
analysed the same way wherever it is read.
"""
