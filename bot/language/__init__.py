"""Reading text: normalising words, numbers and Chinese, the way questions and knowledge meet."""
