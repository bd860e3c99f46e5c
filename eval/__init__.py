"""The eval suite: gold questions, metrics, comparisons, reports and the regression gate; a consumer of `assistant`."""
