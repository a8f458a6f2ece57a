"""Text preparation: page furniture set aside (`clean`), paragraphs, sentences and tokens (`segment`)."""
