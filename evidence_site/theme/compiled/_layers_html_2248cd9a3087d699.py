# _layers.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_layers.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_certainty = resolve('certainty')
    l_0_unknowns = resolve('unknowns')
    l_0_methods = resolve('methods')
    l_0_glossary = resolve('glossary')
    l_0_root = resolve('root')
    pass
    if (undefined(name='certainty') if l_0_certainty is missing else l_0_certainty):
        pass
        yield '\n<section class="certainty" aria-labelledby="how-sure">\n  <h2 id="how-sure">How sure are we?</h2>\n  <p><strong>'
        yield escape(environment.getattr((undefined(name='certainty') if l_0_certainty is missing else l_0_certainty), 'label'))
        yield '.</strong> '
        yield escape(environment.getattr((undefined(name='certainty') if l_0_certainty is missing else l_0_certainty), 'statement'))
        yield '</p>\n  <p>Why: '
        yield escape(environment.getattr((undefined(name='certainty') if l_0_certainty is missing else l_0_certainty), 'reason'))
        yield '</p>\n</section>'
    if (undefined(name='unknowns') if l_0_unknowns is missing else l_0_unknowns):
        pass
        yield '\n<section class="unknowns" aria-labelledby="what-we-dont-know">\n  <h2 id="what-we-dont-know">What we don\'t know</h2>\n  <ul>'
        for l_1_item in (undefined(name='unknowns') if l_0_unknowns is missing else l_0_unknowns):
            _loop_vars = {}
            pass
            yield '\n    <li>'
            yield escape(l_1_item)
            yield '</li>'
        l_1_item = missing
        yield '\n  </ul>\n</section>'
    if (undefined(name='methods') if l_0_methods is missing else l_0_methods):
        pass
        yield '\n<details class="clinician methods">\n  <summary>Details for clinicians: how the study was done</summary>\n  '
        yield escape((undefined(name='methods') if l_0_methods is missing else l_0_methods))
        yield '\n</details>'
    if (undefined(name='glossary') if l_0_glossary is missing else l_0_glossary):
        pass
        yield '\n<p class="glossary-link">Words with a dotted line under them are explained in <a href="'
        yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'glossary/index.html">Words explained</a>.</p>'
    yield '\n'

blocks = {}
debug_info = '1=16&4=19&5=23&8=25&12=28&13=32&18=36&21=39&24=41&25=44'
