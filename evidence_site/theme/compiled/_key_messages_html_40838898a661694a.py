# _key_messages.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_key_messages.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_heading_id = resolve('heading_id')
    l_0_key_messages = resolve('key_messages')
    pass
    yield '  <section class="key-messages" aria-labelledby="'
    yield escape((undefined(name='heading_id') if l_0_heading_id is missing else l_0_heading_id))
    yield '" data-no-terms>\n    <h2 id="'
    yield escape((undefined(name='heading_id') if l_0_heading_id is missing else l_0_heading_id))
    yield '">Key messages</h2>\n    <ul>'
    for l_1_message in (undefined(name='key_messages') if l_0_key_messages is missing else l_0_key_messages):
        _loop_vars = {}
        pass
        yield '\n      <li>'
        yield escape(l_1_message)
        yield '</li>'
    l_1_message = missing
    yield '\n    </ul>\n  </section>'

blocks = {}
debug_info = '1=14&2=16&4=18&5=22'
