# _answer.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_answer.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_answer = resolve('answer')
    l_0_answer_chart = resolve('answer_chart')
    pass
    if ((undefined(name='answer') if l_0_answer is missing else l_0_answer) or (undefined(name='answer_chart') if l_0_answer_chart is missing else l_0_answer_chart)):
        pass
        yield '\n<div class="answer" data-no-terms>'
        if (undefined(name='answer') if l_0_answer is missing else l_0_answer):
            pass
            yield '\n  <p class="answer-figures" id="answer">'
            for l_1_item in (undefined(name='answer') if l_0_answer is missing else l_0_answer):
                _loop_vars = {}
                pass
                yield '\n    <span class="answer-item"><span class="answer-when">'
                yield escape(environment.getattr(l_1_item, 'when'))
                yield ':</span> '
                if environment.getattr(l_1_item, 'what'):
                    pass
                    yield '<span class="answer-number">'
                    yield escape(environment.getattr(l_1_item, 'number'))
                    yield '</span> <span class="answer-what">'
                    yield escape(environment.getattr(l_1_item, 'what'))
                    yield '</span>.'
                else:
                    pass
                    yield '<span class="answer-number answer-words">'
                    yield escape(environment.getattr(l_1_item, 'number'))
                    yield '.</span>'
                yield '</span>'
            l_1_item = missing
            yield '\n  </p>'
        yield '\n  '
        yield escape((undefined(name='answer_chart') if l_0_answer_chart is missing else l_0_answer_chart))
        yield '\n</div>'
    yield '\n'

blocks = {}
debug_info = '1=13&3=16&5=19&6=23&10=41'
