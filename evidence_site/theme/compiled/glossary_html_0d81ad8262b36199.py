# glossary.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'glossary.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'glossary.html')
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
    yield 'Words explained | '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))

def block_description(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    pass
    yield 'Plain explanations of the medical words used on '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '.'

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_terms = resolve('terms')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    pass
    yield '\n<article>\n  <header class="page-header">\n    <h1>Words explained</h1>\n    <p class="lede">What the medical words on this site mean, in plain words.</p>\n  </header>\n  <dl class="glossary">'
    for l_1_term in (undefined(name='terms') if l_0_terms is missing else l_0_terms):
        _loop_vars = {}
        pass
        yield '\n    <dt id="'
        yield escape(environment.getattr(l_1_term, 'anchor'))
        yield '">'
        yield escape(environment.getattr(l_1_term, 'term'))
        if environment.getattr(l_1_term, 'also'):
            pass
            yield ' <span class="also">(also: '
            yield escape(t_1(context.eval_ctx, environment.getattr(l_1_term, 'also'), ', '))
            yield ')</span>'
        yield '</dt>\n    <dd>'
        yield escape(environment.getattr(l_1_term, 'explanation'))
        yield '</dd>'
    l_1_term = missing
    yield '\n  </dl>\n</article>\n'

blocks = {'title': block_title, 'description': block_description, 'main': block_main}
debug_info = '1=12&2=17&3=29&4=42&11=58&12=62&13=71'
