# data-dictionary.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'data-dictionary.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'data-dictionary.html')
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
    yield 'About the data files | '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_root = resolve('root')
    l_0_has_about = resolve('has_about')
    l_0_columns = resolve('columns')
    pass
    yield '\n<article>\n<header class="page-header">\n  <h1>About the data files</h1>\n  <p class="lede">Under every chart and table there is a link to download its numbers as a CSV file, which opens in any spreadsheet. This page says what each column means.</p>\n</header>\n<p>Each row is one figure, with the exact words of the publication it comes from. The files hold the same numbers the page shows: nothing is added or left out. Numbers on the pages are rounded by one rule, explained in <a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    if (undefined(name='has_about') if l_0_has_about is missing else l_0_has_about):
        pass
        yield 'about/index.html'
    else:
        pass
        yield 'index.html'
    yield '">how we make these pages</a>; the <code>value</code> column keeps the figure as the source printed it.</p>\n<div class="table-wrap">\n<table class="reflow">\n  <caption id="columns-caption">Columns in the downloadable CSV files</caption>\n  <thead><tr><th scope="col">Column</th><th scope="col">What it means</th></tr></thead>\n  <tbody>'
    for (l_1_name, l_1_meaning) in (undefined(name='columns') if l_0_columns is missing else l_0_columns):
        _loop_vars = {}
        pass
        yield '\n    <tr><th scope="row"><code>'
        yield escape(l_1_name)
        yield '</code></th><td>'
        yield escape(l_1_meaning)
        yield '</td></tr>'
    l_1_name = l_1_meaning = missing
    yield '\n  </tbody>\n</table>\n</div>\n<p>The files use commas between columns, UTF-8 text, and one header row.</p>\n</article>\n'

blocks = {'title': block_title, 'main': block_main}
debug_info = '1=12&2=17&3=29&9=41&15=49&16=53'
