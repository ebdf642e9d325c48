# 404.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '404.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', '404.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    pass
    yield 'Page not found | '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_root = resolve('root')
    l_0_summaries = resolve('summaries')
    l_0_site = resolve('site')
    try:
        t_1 = environment.filters['urlencode']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'urlencode' found.")
    pass
    yield '\n<header class="page-header">\n  <h1>We could not find that page</h1>\n  <p class="lede">The address may be mistyped, or the page may have moved. Nothing you did went wrong.</p>\n</header>\n<h2 id="try">Try one of these</h2>\n<ul>\n  <li><a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'index.html">All summaries</a></li>'
    for l_1_s in (undefined(name='summaries') if l_0_summaries is missing else l_0_summaries):
        _loop_vars = {}
        pass
        yield '\n  <li><a href="'
        yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
        yield escape(environment.getattr(l_1_s, 'slug'))
        yield '/index.html">'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield '</a></li>'
    l_1_s = missing
    yield '\n</ul>\n<p>If a link on this site brought you here, please tell us: <a href="mailto:'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'contact'))
    yield '?subject='
    yield escape(t_1(markup_join(('Broken link on ', environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'), ))))
    yield '">'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'contact'))
    yield '</a>.</p>\n'

blocks = {'title': block_title, 'main': block_main}
debug_info = '1=12&2=17&3=29&10=47&11=49&12=53&15=60'
