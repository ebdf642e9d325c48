"""Stage 4, publish: write the site and the cache (the only writer); ready to publish?"""
