#!/usr/bin/env python3
"""What the Native AOT image of the service holds: sizes from ILC's map file, by node kind and by assembly.

usage: tests/EdgeGateway.Benchmarks/image-breakdown.py [--top N] [--containing TEXT]... [MAP.xml [ILC.rsp]]

Publish with the map file first (it lands beside the ILC response file, under obj/, not in the output directory):
    dotnet publish src/EdgeGateway -c Release -r linux-x64 -o /tmp/aot -p:IlcGenerateMapFile=true
Without arguments it reads src/EdgeGateway/obj/Release/net10.0/linux-x64/native/edge-gateway.map.xml and the
edge-gateway.ilc.rsp beside it (the rsp lists the input assemblies, whose names prefix the mangled symbols).

  --top N            assemblies to list (default 40)
  --containing TEXT  also total the code and type nodes whose symbol contains TEXT anywhere (e.g. MQTTnet_Server,
                     System_Net_Http), generic instantiations over its types included; repeatable
  -h, --help         this text

By assembly counts every node whose symbol starts with the assembly's mangled name (code, types, GC info,
dictionaries, statics); a generic instantiation is counted under the assembly of the generic (List<T> is
System.Private.CoreLib, "S_P_CoreLib"), which is what --containing is for. Nodes without an owner (metadata, the
dehydrated type data, frozen objects, the stack-trace mapping) are "(image-wide)".
"""
import collections
import os
import re
import sys

CODE_AND_TYPES = {'MethodCode', 'ConstructedEEType', 'EEType', 'GCInfo', 'MethodGenericDictionary',
                  'TypeGenericDictionary', 'MethodExceptionHandlingInfo', 'InterfaceDispatchMap', 'SealedVTable'}
NODE = re.compile(r'<(\w+) Name="([^"]*)" Length="(\d+)"')
DECORATION = re.compile(r'^(_ZTV\d+)?(Boxed_|__GCStaticBase_|__NonGCStaticBase_|__ThreadStaticBase_|__GenericDict_|'
                        r'__unbox_|unbox_|__GCSTATICS|__NONGCSTATICS|__writableData|__ehinfo_)?')


def main(argv):
    if '-h' in argv or '--help' in argv:
        print(__doc__.strip())
        return 0
    top, containing, files = 40, [], []
    args = iter(argv)
    for arg in args:
        if arg == '--top':
            top = int(next(args))
        elif arg == '--containing':
            containing.append(next(args))
        elif arg.startswith('-'):
            print(f'image-breakdown: unknown option {arg} (try --help)', file=sys.stderr)
            return 2
        else:
            files.append(arg)
    repo = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
    native = os.path.join(repo, 'src/EdgeGateway/obj/Release/net10.0/linux-x64/native')
    map_file = files[0] if files else os.path.join(native, 'edge-gateway.map.xml')
    rsp_file = files[1] if len(files) > 1 else os.path.join(os.path.dirname(map_file), 'edge-gateway.ilc.rsp')
    for path in (map_file, rsp_file):
        if not os.path.exists(path):
            print(f'image-breakdown: {path} does not exist (publish with -p:IlcGenerateMapFile=true)', file=sys.stderr)
            return 2

    assemblies = set()
    for line in open(rsp_file, encoding='utf-8'):
        match = re.match(r'^(?:-r:)?(.*\.dll)$', line.strip())
        if match:
            assemblies.add(os.path.basename(match.group(1))[:-4])
    prefixes = sorted({name.replace('.', '_').replace('-', '_') + '_' for name in assemblies}, key=len, reverse=True)
    prefixes += ['S_P_CoreLib_', 'S_P_Reflection_', 'S_P_TypeLoader_', 'S_P_StackTraceMetadata_']

    by_kind = collections.Counter()
    by_assembly = collections.Counter()
    code_by_assembly = collections.Counter()
    by_text = collections.Counter()
    for line in open(map_file, encoding='utf-8'):
        match = NODE.search(line)
        if not match:
            continue
        kind, name, length = match.group(1), match.group(2), int(match.group(3))
        by_kind[kind] += length
        bare = DECORATION.sub('', name, count=1)
        owner = next((prefix[:-1] for prefix in prefixes if bare.startswith(prefix)), '(image-wide)')
        by_assembly[owner] += length
        if kind == 'MethodCode':
            code_by_assembly[owner] += length
        if kind in CODE_AND_TYPES:
            for text in containing:
                if text in name:
                    by_text[text] += length

    total = sum(by_kind.values())
    print(f'{map_file}: {total / 1024:.0f} KiB in {len(by_kind)} node kinds')
    print('\nby node kind, KiB:')
    for kind, size in by_kind.most_common(15):
        print(f'{size / 1024:9.0f}  {kind}')
    print('\nby assembly, KiB (all its nodes; of which machine code):')
    for owner, size in by_assembly.most_common(top):
        print(f'{size / 1024:9.0f}  {owner}  (code {code_by_assembly[owner] / 1024:.0f})')
    if containing:
        print('\ncode and type nodes whose symbol contains the text, KiB:')
        for text in containing:
            print(f'{by_text[text] / 1024:9.0f}  {text}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
