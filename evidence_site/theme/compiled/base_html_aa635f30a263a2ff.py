# base.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_site = resolve('site')
    l_0_csp = resolve('csp')
    l_0_meta = resolve('meta')
    l_0_root = resolve('root')
    l_0_style = resolve('style')
    l_0_nav = resolve('nav')
    try:
        t_1 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_2 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    pass
    yield '<!doctype html>\n<html lang="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'language'))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta http-equiv="Content-Security-Policy" content="'
    yield escape((undefined(name='csp') if l_0_csp is missing else l_0_csp))
    yield '">\n<meta name="referrer" content="no-referrer">\n<title>'
    yield from context.blocks['title'][0](context)
    yield '</title>\n<meta name="description" content="'
    yield from context.blocks['description'][0](context)
    yield '">\n<link rel="canonical" href="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'canonical'))
    yield '">\n<link rel="alternate" hreflang="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'language'))
    yield '" href="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'canonical'))
    yield '">\n<link rel="alternate" hreflang="x-default" href="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'canonical'))
    yield '">\n<link rel="alternate" type="application/atom+xml" title="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield ': new and updated summaries" href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'feed.xml">\n<meta property="og:site_name" content="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '">\n<meta property="og:title" content="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'title'))
    yield '">\n<meta property="og:description" content="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'description'))
    yield '">\n<meta property="og:type" content="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'kind'))
    yield '">\n<meta property="og:url" content="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'canonical'))
    yield '">\n<meta property="og:locale" content="'
    yield escape(t_1(context.eval_ctx, environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'language'), '-', '_'))
    yield '">\n<meta property="og:image" content="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'image'))
    yield '">\n<meta property="og:image:type" content="image/png">\n<meta property="og:image:width" content="1200">\n<meta property="og:image:height" content="630">\n<meta property="og:image:alt" content="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'image_alt'))
    yield '">\n<meta name="twitter:card" content="summary_large_image">\n<meta name="twitter:title" content="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'title'))
    yield '">\n<meta name="twitter:description" content="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'description'))
    yield '">\n<meta name="twitter:image" content="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'image'))
    yield '">\n<meta name="twitter:image:alt" content="'
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'image_alt'))
    yield '">\n<link rel="icon" href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'static/favicon.svg" type="image/svg+xml">\n<link rel="icon" href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'favicon.png" type="image/png" sizes="32x32">\n<link rel="apple-touch-icon" href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'apple-touch-icon.png">\n'
    yield escape((undefined(name='style') if l_0_style is missing else l_0_style))
    if environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'structured'):
        pass
        yield '\n<script type="application/ld+json">'
        yield escape(t_2(context.eval_ctx, environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'structured')))
        yield '</script>'
    yield '\n</head>\n<body>\n<a class="skip" href="#main">Skip to main content</a>\n<header class="site-header">\n  <p class="site-name"><a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'index.html">'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '</a></p>\n  <nav aria-label="Site">\n    <ul class="nav-wide">\n      <li><a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'index.html">All summaries</a></li>'
    for l_1_item in (undefined(name='nav') if l_0_nav is missing else l_0_nav):
        _loop_vars = {}
        pass
        yield '\n      <li><a href="'
        yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
        yield escape(environment.getattr(l_1_item, 'slug'))
        yield '/index.html">'
        yield escape(environment.getattr(l_1_item, 'title'))
        yield '</a></li>'
    l_1_item = missing
    yield '\n    </ul>\n    <a class="nav-menu" href="#site-menu">Menu</a>\n  </nav>\n</header>\n<main id="main" tabindex="-1">\n'
    yield from context.blocks['main'][0](context)
    yield '\n</main>\n<footer class="site-footer">\n  <nav id="site-menu" class="site-menu" aria-label="All pages">\n    <ul>\n      <li><a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'index.html">All summaries</a></li>'
    for l_1_item in (undefined(name='nav') if l_0_nav is missing else l_0_nav):
        _loop_vars = {}
        pass
        yield '\n      <li><a href="'
        yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
        yield escape(environment.getattr(l_1_item, 'slug'))
        yield '/index.html">'
        yield escape(environment.getattr(l_1_item, 'title'))
        yield '</a></li>'
    l_1_item = missing
    yield '\n    </ul>\n  </nav>\n  <p>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield ' explains research in plain words. It does not give medical advice: talk to your MS team about your own care.</p>\n  <p>Found a mistake? Email <a href="mailto:'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'contact'))
    yield '">'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'contact'))
    yield '</a>.</p>\n  <p>Published by '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'publisher'))
    yield '. This site sets no cookies, runs no scripts and loads nothing from other websites.\n    <a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'data-dictionary/index.html">About the data files</a> ·\n    <a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'feed.xml">Updates feed</a></p>\n</footer>\n</body>\n</html>\n'

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    pass
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))

def block_description(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_meta = resolve('meta')
    pass
    yield escape(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'description'))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'title': block_title, 'description': block_description, 'main': block_main}
debug_info = '2=30&6=32&8=34&9=36&10=38&11=40&12=44&13=46&14=50&15=52&16=54&17=56&18=58&19=60&20=62&24=64&26=66&27=68&28=70&29=72&30=74&31=76&32=78&34=80&35=81&36=84&42=87&47=91&48=93&49=97&56=104&61=106&62=108&63=112&67=119&68=121&69=125&70=127&71=129&8=132&9=143&56=154'
