# _dates.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_dates.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_trust = resolve('trust')
    l_0_root = resolve('root')
    pass
    yield '<section class="trust" aria-labelledby="about-this-page">\n  <h2 id="about-this-page">About this page</h2>'
    if environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'overdue'):
        pass
        yield '\n  <p class="overdue" role="note"><strong>This page is due for review.</strong> It should have been checked again by <time datetime="'
        yield escape(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'next_review'))
        yield '">'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'next_review'), 'strftime'), '%-d %B %Y'))
        yield '</time>. Some of it may be out of date.</p>'
    yield '\n  <dl>\n    <dt>Written by</dt><dd>'
    yield escape(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'author'))
    if environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'author_role'):
        pass
        yield ' <span class="role">('
        yield escape(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'author_role'))
        yield ')</span>'
    yield '</dd>\n    <dt>Reviewed by</dt><dd>'
    yield escape(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'reviewer'))
    if environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'reviewer_role'):
        pass
        yield ' <span class="role">('
        yield escape(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'reviewer_role'))
        yield ')</span>'
    yield '</dd>\n    <dt>Published</dt><dd><time datetime="'
    yield escape(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'published'))
    yield '">'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'published'), 'strftime'), '%-d %B %Y'))
    yield '</time></dd>\n    <dt>Last reviewed</dt><dd><time datetime="'
    yield escape(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'last_reviewed'))
    yield '">'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'last_reviewed'), 'strftime'), '%-d %B %Y'))
    yield '</time></dd>\n    <dt>Next review due</dt><dd><time datetime="'
    yield escape(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'next_review'))
    yield '">'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'next_review'), 'strftime'), '%-d %B %Y'))
    yield '</time></dd>\n    <dt>Funding</dt><dd>'
    yield escape(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'funding'))
    yield '</dd>\n    <dt>Conflicts of interest</dt><dd>'
    yield escape(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'conflicts'))
    yield '</dd>\n  </dl>\n  <p class="report"><a href="'
    yield escape(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'report_href'))
    yield '">Report an error on this page</a> (opens your email, with this page named in the subject).</p>\n  <h3 id="changes">What changed and when</h3>'
    if environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'changelog'):
        pass
        yield '\n  <ul class="changelog">'
        for l_1_change in environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'changelog'):
            _loop_vars = {}
            pass
            yield '\n    <li><time datetime="'
            yield escape(environment.getattr(l_1_change, 'date'))
            yield '">'
            yield escape(context.call(environment.getattr(environment.getattr(l_1_change, 'date'), 'strftime'), '%-d %B %Y', _loop_vars=_loop_vars))
            yield '</time>: '
            yield escape(environment.getattr(l_1_change, 'text'))
            yield '</li>'
        l_1_change = missing
        yield '\n  </ul>'
    else:
        pass
        yield '\n  <p>No changes since this page was first published.</p>'
    yield '\n  <p><a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'about/index.html">How we make these pages</a> · <a href="handout.html">Printable one-page handout</a></p>\n</section>\n'

blocks = {}
debug_info = '3=14&4=17&7=22&8=29&9=36&10=40&11=44&12=48&13=50&15=52&17=54&19=57&20=61&26=73'
