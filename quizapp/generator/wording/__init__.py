"""The word pass: turning a proposed candidate into a question, a key and its options."""
