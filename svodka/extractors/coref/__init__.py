"""Who is who: which entity a pronoun, a title or a description refers to.

``ranker.antecedent_scores`` is the trained antecedent ranker (``svodka train coref``).
"""
