"""From a reader's lines to tables: captions, headers, stitching, blocks, forms."""
