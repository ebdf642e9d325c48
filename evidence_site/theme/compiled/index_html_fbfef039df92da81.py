# index.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'index.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'index.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_description(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'Plain-language summaries of research for people with multiple sclerosis, with every number traced to its source.'

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    l_0_summaries = resolve('summaries')
    pass
    yield '\n<header class="page-header">\n  <h1>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '</h1>\n  <p class="lede">Research on medicines for multiple sclerosis (MS), in plain words. Every number comes from a study, and we show you which one.</p>\n</header>\n<h2 id="summaries">Summaries</h2>\n<ul class="cards">'
    for l_1_s in (undefined(name='summaries') if l_0_summaries is missing else l_0_summaries):
        _loop_vars = {}
        pass
        yield '\n  <li class="card">\n    <h3><a href="'
        yield escape(environment.getattr(l_1_s, 'slug'))
        yield '/index.html">'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield '</a></h3>\n    <p>'
        yield escape(environment.getattr(l_1_s, 'description'))
        yield '</p>\n    <p class="meta">Last reviewed <time datetime="'
        yield escape(environment.getattr(l_1_s, 'last_reviewed'))
        yield '">'
        yield escape(context.call(environment.getattr(environment.getattr(l_1_s, 'last_reviewed'), 'strftime'), '%-d %B %Y', _loop_vars=_loop_vars))
        yield '</time></p>\n  </li>'
    l_1_s = missing
    yield '\n</ul>\n'

blocks = {'description': block_description, 'main': block_main}
debug_info = '1=12&2=17&3=27&5=38&10=40&12=44&13=48&14=50'
