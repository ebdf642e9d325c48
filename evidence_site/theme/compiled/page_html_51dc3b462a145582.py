# page.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'page.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'page.html')
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
    l_0_page = resolve('page')
    l_0_site = resolve('site')
    pass
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
    yield ' | '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))

def block_description(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    pass
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'description'))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    l_0_body = resolve('body')
    pass
    yield '\n<article>\n  <header class="page-header">\n    <h1>'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
    yield '</h1>\n    <p class="lede">'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'description'))
    yield '</p>\n  </header>\n  <div class="prose">\n'
    yield escape((undefined(name='body') if l_0_body is missing else l_0_body))
    yield '\n  </div>\n</article>\n'

blocks = {'title': block_title, 'description': block_description, 'main': block_main}
debug_info = '1=12&2=17&3=31&4=42&7=53&8=55&11=57'
