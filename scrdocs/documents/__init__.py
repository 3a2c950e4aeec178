"""The review's documents: what each template receives, rendering Word, the integrated chronology, and the build."""
